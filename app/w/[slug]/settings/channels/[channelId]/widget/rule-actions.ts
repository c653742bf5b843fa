'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  deleteWidgetRule,
  enableWidgetRuleInput,
  moveWidgetRule,
  moveWidgetRuleInput,
  saveWidgetRule,
  setWidgetRuleEnabled,
  widgetRuleIdInput,
  widgetRuleInput,
} from '@/lib/widget/action-rules/admin';

export const saveWidgetRuleAction = workspaceAction({ input: widgetRuleInput, role: 'admin' }, (input, ctx) => saveWidgetRule(getDb(), ctx, input));
export const moveWidgetRuleAction = workspaceAction({ input: moveWidgetRuleInput, role: 'admin' }, (input, ctx) => moveWidgetRule(getDb(), ctx, input));
export const enableWidgetRuleAction = workspaceAction({ input: enableWidgetRuleInput, role: 'admin' }, (input, ctx) => setWidgetRuleEnabled(getDb(), ctx, input));
export const deleteWidgetRuleAction = workspaceAction({ input: widgetRuleIdInput, role: 'admin' }, (input, ctx) => deleteWidgetRule(getDb(), ctx, input));
