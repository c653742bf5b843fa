'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { deleteSlaRule, moveSlaRule, moveSlaRuleInput, saveSlaRule, slaRuleIdInput, slaRuleInput } from '@/lib/sla/rules-admin';

export const saveSlaRuleAction = workspaceAction({ input: slaRuleInput, role: 'admin' }, (input, ctx) => saveSlaRule(getDb(), ctx, input));
export const moveSlaRuleAction = workspaceAction({ input: moveSlaRuleInput, role: 'admin' }, (input, ctx) => moveSlaRule(getDb(), ctx, input));
export const deleteSlaRuleAction = workspaceAction({ input: slaRuleIdInput, role: 'admin' }, (input, ctx) => deleteSlaRule(getDb(), ctx, input));
