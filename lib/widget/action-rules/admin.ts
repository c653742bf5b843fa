import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { channels, flows, widgetActionRules } from '@/db/schema';
import { widgetRuleActionKinds, widgetRuleCaps, type WidgetRuleAction, type WidgetRuleConditions } from '@/db/schema/widget-rules';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { appendPosition, lockRuleList, movedOrder, moveRuleInput, type MoveRuleInput } from '@/lib/rules/ordered-list';

// Settings → Channels → Website chat → Action rules: admins list, save, reorder and delete a
// web channel's rules. Visitors' browsers read the enabled ones through the public rules
// endpoint (publicRules.ts) on their next page view.

export type WidgetActionRule = typeof widgetActionRules.$inferSelect;

export const MAX_WIDGET_RULES = 30;
export const MAX_PATTERN_LENGTH = 200;
const MAX_SECONDS = 3600;
const MAX_AMOUNT = 1_000_000_000;

/** An empty box is "no condition"; anything else must be a number in range. */
const optionalNumber = (check: z.ZodNumber) =>
  z
    .union([z.literal(''), z.null(), z.undefined(), z.coerce.number()], 'Enter a number')
    .transform((v) => (v === '' || v === null || v === undefined ? null : v))
    .pipe(check.nullable());

const triState = z.enum(['any', 'yes', 'no']);

export const widgetRuleInput = z
  .object({
    channelId: z.uuid('Unknown channel'),
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'Name the rule').max(80, 'Keep the name under 80 characters'),
    enabled: z.boolean(),
    urlOp: z.enum(['any', 'contains', 'equals', 'regex']),
    urlValue: z.string().trim().max(500, 'Keep the address under 500 characters'),
    minSeconds: optionalNumber(z.number().int('Whole seconds').min(0, 'At least 0 seconds').max(MAX_SECONDS, 'At most 3600 seconds (an hour)')),
    minScroll: optionalNumber(z.number().int('A whole percentage').min(0, 'From 0 to 100 %').max(100, 'From 0 to 100 %')),
    returning: triState,
    identified: triState,
    open: triState,
    cartMin: optionalNumber(z.number().min(0, 'At least 0').max(MAX_AMOUNT, 'At most 1,000,000,000')),
    cartMax: optionalNumber(z.number().min(0, 'At least 0').max(MAX_AMOUNT, 'At most 1,000,000,000')),
    action: z.enum(widgetRuleActionKinds, 'Choose what the rule does'),
    message: z.string().trim().max(500, 'Keep the message under 500 characters'),
    flowId: z.union([z.literal(''), z.uuid('Choose a flow')]),
    cap: z.enum(widgetRuleCaps, 'Choose how often'),
  })
  .superRefine((v, ctx) => {
    if (v.urlOp !== 'any' && !v.urlValue) ctx.addIssue({ code: 'custom', path: ['urlValue'], message: 'Enter the address to match, or choose any page' });
    if (v.urlOp === 'regex' && v.urlValue) {
      const problem = patternProblem(v.urlValue);
      if (problem) ctx.addIssue({ code: 'custom', path: ['urlValue'], message: problem });
    }
    if (v.cartMin !== null && v.cartMax !== null && v.cartMin > v.cartMax) {
      ctx.addIssue({ code: 'custom', path: ['cartMax'], message: 'The most must not be below the least' });
    }
    if (v.action === 'message' && !v.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'Write the message to show' });
    if (v.action === 'flow' && !v.flowId) ctx.addIssue({ code: 'custom', path: ['flowId'], message: 'Choose a flow' });
  });

export type WidgetRuleInput = z.input<typeof widgetRuleInput>;
type ParsedInput = z.output<typeof widgetRuleInput>;

/** Why a URL pattern cannot be used (too long, does not compile), or null. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `Keep the pattern under ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'i');
    return null;
  } catch (error) {
    return `This is not a valid regular expression: ${error instanceof Error ? error.message : 'it does not compile'}`;
  }
}

const tri = (v: z.infer<typeof triState>) => (v === 'any' ? undefined : v === 'yes');

function conditionsOf(v: ParsedInput): WidgetRuleConditions {
  const c: WidgetRuleConditions = {};
  if (v.urlOp !== 'any') c.url = { op: v.urlOp, value: v.urlValue };
  if (v.minSeconds !== null) c.minSeconds = v.minSeconds;
  if (v.minScroll !== null) c.minScroll = v.minScroll;
  if (v.cartMin !== null) c.cartMin = v.cartMin;
  if (v.cartMax !== null) c.cartMax = v.cartMax;
  const returning = tri(v.returning);
  const identified = tri(v.identified);
  const open = tri(v.open);
  if (returning !== undefined) c.returning = returning;
  if (identified !== undefined) c.identified = identified;
  if (open !== undefined) c.open = open;
  return c;
}

function actionOf(v: ParsedInput): WidgetRuleAction {
  const message = v.message ? { message: v.message } : {};
  switch (v.action) {
    case 'show':
    case 'hide':
      return { kind: v.action };
    case 'open':
      return { kind: 'open', ...message };
    case 'message':
      return { kind: 'message', message: v.message };
    case 'flow':
      return { kind: 'flow', flowId: v.flowId, ...message };
  }
}

async function requireWebChannel(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, channelId: string) {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, ctx.workspaceId), eq(channels.kind, 'web')))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This website chat channel no longer exists.');
}

export async function listWidgetRules(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, channelId: string): Promise<WidgetActionRule[]> {
  return db
    .select()
    .from(widgetActionRules)
    .where(and(eq(widgetActionRules.workspaceId, ctx.workspaceId), eq(widgetActionRules.channelId, channelId)))
    .orderBy(asc(widgetActionRules.position), asc(widgetActionRules.createdAt));
}

/** The workspace's enabled flows a rule may start (published: enabled). */
export async function startableFlows(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>) {
  return db
    .select({ id: flows.id, name: flows.name })
    .from(flows)
    .where(and(eq(flows.workspaceId, ctx.workspaceId), eq(flows.enabled, true)))
    .orderBy(asc(flows.name));
}

/** Creates a rule (last in the channel's order) or updates one of this workspace's. */
export async function saveWidgetRule(db: Db, ctx: ActorContext, input: ParsedInput): Promise<WidgetActionRule> {
  return db.transaction(async (tx) => {
    await requireWebChannel(tx, ctx, input.channelId);
    if (input.action === 'flow') {
      const [flow] = await tx
        .select({ enabled: flows.enabled })
        .from(flows)
        .where(and(eq(flows.id, input.flowId), eq(flows.workspaceId, ctx.workspaceId)))
        .limit(1);
      if (!flow) throw new UserError('invalid', 'The chosen flow no longer exists. Reload the page.');
      if (!flow.enabled) throw new UserError('invalid', 'The chosen flow is off. Turn it on in Settings → Flows first.');
    }
    const values = { name: input.name, enabled: input.enabled, conditions: conditionsOf(input), action: actionOf(input), cap: input.cap, updatedAt: new Date() };
    if (input.id) {
      const [updated] = await tx
        .update(widgetActionRules)
        .set(values)
        .where(and(eq(widgetActionRules.id, input.id), eq(widgetActionRules.workspaceId, ctx.workspaceId), eq(widgetActionRules.channelId, input.channelId)))
        .returning();
      if (!updated) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
      await writeAudit(tx, ctx, 'widget_rule.updated', { type: 'widget_rule', id: updated.id }, { name: updated.name, channelId: input.channelId });
      return updated;
    }
    const position = await appendPosition(
      tx,
      {
        name: 'widget-action-rules',
        label: 'action rules per website chat',
        table: widgetActionRules,
        workspaceColumn: widgetActionRules.channelId,
        positionColumn: widgetActionRules.position,
        limit: MAX_WIDGET_RULES,
      },
      input.channelId,
    );
    const [created] = await tx
      .insert(widgetActionRules)
      .values({ ...values, workspaceId: ctx.workspaceId, channelId: input.channelId, position })
      .returning();
    await writeAudit(tx, ctx, 'widget_rule.created', { type: 'widget_rule', id: created.id }, { name: created.name, channelId: input.channelId });
    return created;
  });
}

export const widgetRuleIdInput = z.object({ id: z.uuid() });
export const moveWidgetRuleInput = moveRuleInput;

async function ruleOfWorkspace(tx: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, id: string) {
  const [rule] = await tx
    .select()
    .from(widgetActionRules)
    .where(and(eq(widgetActionRules.id, id), eq(widgetActionRules.workspaceId, ctx.workspaceId)))
    .limit(1);
  return rule ?? null;
}

/** A step up or down: rules run in the order admins set. */
export async function moveWidgetRule(db: Db, ctx: ActorContext, input: MoveRuleInput): Promise<WidgetActionRule[]> {
  return db.transaction(async (tx) => {
    const moved = await ruleOfWorkspace(tx, ctx, input.id);
    if (!moved) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
    await lockRuleList(tx, 'widget-action-rules', moved.channelId);
    const rules = await listWidgetRules(tx, ctx, moved.channelId);
    const order = movedOrder(rules.map((r) => r.id), input.id, input.direction);
    if (!order) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
    for (const [i, id] of order.entries()) await tx.update(widgetActionRules).set({ position: i + 1 }).where(eq(widgetActionRules.id, id));
    await writeAudit(tx, ctx, 'widget_rule.moved', { type: 'widget_rule', id: moved.id }, { name: moved.name, direction: input.direction });
    return listWidgetRules(tx, ctx, moved.channelId);
  });
}

export async function deleteWidgetRule(db: Db, ctx: ActorContext, input: z.infer<typeof widgetRuleIdInput>): Promise<{ deleted: boolean }> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(widgetActionRules)
      .where(and(eq(widgetActionRules.id, input.id), eq(widgetActionRules.workspaceId, ctx.workspaceId)))
      .returning();
    if (!deleted) return { deleted: false };
    await writeAudit(tx, ctx, 'widget_rule.deleted', { type: 'widget_rule', id: deleted.id }, { name: deleted.name, channelId: deleted.channelId });
    return { deleted: true };
  });
}

export const enableWidgetRuleInput = z.object({ id: z.uuid(), enabled: z.boolean() });

/** On or off from the list, without opening the rule. */
export async function setWidgetRuleEnabled(db: Db, ctx: ActorContext, input: z.infer<typeof enableWidgetRuleInput>): Promise<WidgetActionRule> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(widgetActionRules)
      .set({ enabled: input.enabled, updatedAt: new Date() })
      .where(and(eq(widgetActionRules.id, input.id), eq(widgetActionRules.workspaceId, ctx.workspaceId)))
      .returning();
    if (!updated) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
    await writeAudit(tx, ctx, input.enabled ? 'widget_rule.enabled' : 'widget_rule.disabled', { type: 'widget_rule', id: updated.id }, { name: updated.name });
    return updated;
  });
}
