import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { widgetActionRules } from '@/db/schema';
import { isOpen } from '@/lib/business-hours/calendar';
import { loadBusinessHours } from '@/lib/business-hours/load';
import type { WidgetChannel } from '@/lib/widget/context';
import type { EvaluableRule } from './evaluate';

// What the visitor's browser gets: a channel's enabled rules (conditions, action, cap; no
// names, nothing else) and whether the shop is open now.

const enabledOf = (channel: WidgetChannel) =>
  and(
    eq(widgetActionRules.workspaceId, channel.channel.workspaceId),
    eq(widgetActionRules.channelId, channel.channel.id),
    eq(widgetActionRules.enabled, true),
  );

/** For the config endpoint: whether the loader should fetch rules at all. */
export async function hasEnabledRules(db: DbOrTx, channel: WidgetChannel): Promise<boolean> {
  const [row] = await db.select({ any: sql<boolean>`exists (select 1 from ${widgetActionRules} where ${enabledOf(channel)})` }).from(sql`(select 1) as one`);
  return Boolean(row?.any);
}

export async function publicRules(db: DbOrTx, channel: WidgetChannel, now = new Date()): Promise<{ rules: EvaluableRule[]; open: boolean }> {
  const rows = await db
    .select({ id: widgetActionRules.id, conditions: widgetActionRules.conditions, action: widgetActionRules.action, cap: widgetActionRules.cap })
    .from(widgetActionRules)
    .where(enabledOf(channel))
    .orderBy(asc(widgetActionRules.position), asc(widgetActionRules.createdAt));
  const hours = await loadBusinessHours(db, channel.channel.workspaceId);
  return { rules: rows, open: isOpen(hours?.hours ?? null, now) };
}

/**
 * Whether an enabled rule of this channel starts this flow: a visitor can only start a flow
 * the shop offers on its page, never any flow of the workspace by its id.
 */
export async function ruleOffersFlow(db: DbOrTx, channel: WidgetChannel, flowId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: widgetActionRules.id })
    .from(widgetActionRules)
    .where(and(enabledOf(channel), sql`${widgetActionRules.action}->>'kind' = 'flow'`, sql`${widgetActionRules.action}->>'flowId' = ${flowId}`))
    .limit(1);
  return Boolean(row);
}
