import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { channelKinds } from '@/db/schema/channels';
import { conversationPriorities } from '@/db/schema/conversations';
import { memberships, routingActionKinds, routingRules, teams, type RoutingConditions } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { activeMembership } from '@/lib/auth/membership';
import { writeAudit } from '@/lib/audit';
import { primaryLanguage } from '@/lib/contacts/language';
import { UserError } from '@/lib/errors';
import type { RoutingRule } from './rules';
import { appendPosition, lockRuleList, movedOrder, moveRuleInput, type MoveRuleInput } from '@/lib/rules/ordered-list';

// Settings → Routing rules: admins list, save, reorder and delete the workspace's rules. A
// rule applies to requests created after it is saved; requests already waiting stay where
// they are.

export const MAX_ROUTING_RULES = 50;

const language = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const l = primaryLanguage(v);
    if (!l) ctx.addIssue({ code: 'custom', message: `“${v}” is not a language code (like en or th)` });
    return l ?? '';
  });

const optionalId = z.union([z.literal(''), z.null(), z.uuid()]).transform((v) => (v ? v : null));

export const routingRuleInput = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'Name the rule').max(80, 'Keep the name under 80 characters'),
    enabled: z.boolean(),
    channelKinds: z.array(z.enum(channelKinds)).max(channelKinds.length),
    teamIds: z.array(z.uuid()).max(50),
    tags: z.array(z.string().trim().min(1).max(50)).max(20, 'At most 20 tags'),
    customFieldKey: z.string().trim().max(100),
    customFieldValue: z.string().trim().max(200),
    priorities: z.array(z.enum(conversationPriorities)).max(conversationPriorities.length),
    businessHours: z.enum(['any', 'open', 'closed']),
    languages: z.array(language).max(20, 'At most 20 languages'),
    actionKind: z.enum(routingActionKinds),
    /** The team it goes to; for an agent's rule, the team it waits for when the agent cannot take it. */
    actionTeamId: optionalId,
    actionAgentId: optionalId,
    /** '' leaves the priority as it is. */
    setPriority: z
      .union([z.literal(''), z.null(), z.enum(conversationPriorities)])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if ((v.customFieldKey === '') !== (v.customFieldValue === '')) {
      ctx.addIssue({ code: 'custom', path: ['customFieldValue'], message: 'Give both the field and the value, or neither' });
    }
    if (v.actionKind === 'team' && !v.actionTeamId) ctx.addIssue({ code: 'custom', path: ['actionTeamId'], message: 'Choose the team' });
    if (v.actionKind === 'agent' && !v.actionAgentId) ctx.addIssue({ code: 'custom', path: ['actionAgentId'], message: 'Choose the agent' });
  });

export type RoutingRuleInput = z.input<typeof routingRuleInput>;
type ParsedInput = z.output<typeof routingRuleInput>;

export type RoutingRuleRow = typeof routingRules.$inferSelect;

export async function listRoutingRules(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>): Promise<RoutingRuleRow[]> {
  return db.select().from(routingRules).where(eq(routingRules.workspaceId, ctx.workspaceId)).orderBy(asc(routingRules.position), asc(routingRules.createdAt));
}

function conditionsOf(input: ParsedInput): RoutingConditions {
  const languages = [...new Set(input.languages.filter(Boolean))];
  return {
    ...(input.channelKinds.length ? { channelKinds: input.channelKinds } : {}),
    ...(input.teamIds.length ? { teamIds: input.teamIds } : {}),
    ...(input.tags.length ? { tags: [...new Set(input.tags)] } : {}),
    ...(input.priorities.length ? { priorities: input.priorities } : {}),
    ...(input.customFieldKey ? { customField: { key: input.customFieldKey, value: input.customFieldValue } } : {}),
    ...(input.businessHours !== 'any' ? { businessHours: input.businessHours } : {}),
    ...(languages.length ? { languages } : {}),
  };
}

function columns(input: ParsedInput) {
  return {
    name: input.name,
    enabled: input.enabled,
    conditions: conditionsOf(input),
    actionKind: input.actionKind,
    teamId: input.actionTeamId,
    agentId: input.actionKind === 'agent' ? input.actionAgentId : null,
    setPriority: input.setPriority,
  };
}

/** Teams and agents named by the rule must be this workspace's (and the agent an active member). */
async function checkOwnership(tx: DbOrTx, workspaceId: string, input: ParsedInput) {
  const teamIds = [...new Set([...input.teamIds, ...(input.actionTeamId ? [input.actionTeamId] : [])])];
  if (teamIds.length) {
    const found = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)));
    if (found.length !== teamIds.length) throw new UserError('invalid', 'A chosen team no longer exists. Reload the page.');
  }
  if (input.actionKind === 'agent' && input.actionAgentId) {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.actionAgentId), activeMembership()))
      .limit(1);
    if (!member) throw new UserError('invalid', 'The chosen agent is not an active member of this workspace. Reload the page.');
  }
}

const lockRules = (tx: DbOrTx, workspaceId: string) => lockRuleList(tx, 'routing-rules', workspaceId);

/** Creates a rule (last in the order) or updates one of this workspace's. */
export async function saveRoutingRule(db: Db, ctx: ActorContext, raw: RoutingRuleInput): Promise<RoutingRule> {
  const input = routingRuleInput.parse(raw);
  return db.transaction(async (tx) => {
    await checkOwnership(tx, ctx.workspaceId, input);
    const values = { ...columns(input), updatedAt: new Date() };
    if (input.id) {
      const [updated] = await tx
        .update(routingRules)
        .set(values)
        .where(and(eq(routingRules.id, input.id), eq(routingRules.workspaceId, ctx.workspaceId)))
        .returning();
      if (!updated) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
      await writeAudit(tx, ctx, 'routing_rule.updated', { type: 'routing_rule', id: updated.id }, { name: updated.name });
      return updated;
    }
    const position = await appendPosition(
      tx,
      { name: 'routing-rules', label: 'routing rules', table: routingRules, workspaceColumn: routingRules.workspaceId, positionColumn: routingRules.position, limit: MAX_ROUTING_RULES },
      ctx.workspaceId,
    );
    const [created] = await tx
      .insert(routingRules)
      .values({ ...values, workspaceId: ctx.workspaceId, position })
      .returning();
    await writeAudit(tx, ctx, 'routing_rule.created', { type: 'routing_rule', id: created.id }, { name: created.name });
    return created;
  });
}

export const routingRuleIdInput = z.object({ id: z.uuid() });
export const moveRoutingRuleInput = moveRuleInput;

/** A step up or down: the first match wins, so order is what admins set. */
export async function moveRoutingRule(db: Db, ctx: ActorContext, input: MoveRuleInput): Promise<RoutingRule[]> {
  return db.transaction(async (tx) => {
    await lockRules(tx, ctx.workspaceId);
    const rules = await listRoutingRules(tx, ctx);
    const order = movedOrder(rules.map((r) => r.id), input.id, input.direction);
    if (!order) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
    for (const [i, id] of order.entries()) await tx.update(routingRules).set({ position: i + 1 }).where(eq(routingRules.id, id));
    const moved = rules.find((r) => r.id === input.id)!;
    await writeAudit(tx, ctx, 'routing_rule.moved', { type: 'routing_rule', id: moved.id }, { name: moved.name, direction: input.direction });
    return listRoutingRules(tx, ctx);
  });
}

export async function deleteRoutingRule(db: Db, ctx: ActorContext, input: z.infer<typeof routingRuleIdInput>): Promise<{ deleted: boolean }> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.delete(routingRules).where(and(eq(routingRules.id, input.id), eq(routingRules.workspaceId, ctx.workspaceId))).returning();
    if (!deleted) return { deleted: false };
    await writeAudit(tx, ctx, 'routing_rule.deleted', { type: 'routing_rule', id: deleted.id }, { name: deleted.name });
    return { deleted: true };
  });
}
