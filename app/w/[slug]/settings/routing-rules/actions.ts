'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { deleteRoutingRule, moveRoutingRule, moveRoutingRuleInput, routingRuleIdInput, routingRuleInput, saveRoutingRule } from '@/lib/routing/rules-admin';

const refresh = () => revalidatePath('/w/[slug]/settings/routing-rules', 'page');

export const saveRoutingRuleAction = workspaceAction({ input: routingRuleInput, role: 'admin' }, async (input, ctx) => {
  const rule = await saveRoutingRule(getDb(), ctx, input);
  refresh();
  return { id: rule.id, name: rule.name };
});

export const moveRoutingRuleAction = workspaceAction({ input: moveRoutingRuleInput, role: 'admin' }, async (input, ctx) => {
  await moveRoutingRule(getDb(), ctx, input);
  refresh();
  return null;
});

export const deleteRoutingRuleAction = workspaceAction({ input: routingRuleIdInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteRoutingRule(getDb(), ctx, input);
  refresh();
  return result;
});
