import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { channelKinds } from '@/db/schema/channels';
import { conversationPriorities } from '@/db/schema/conversations';
import { slaRules, teams } from '@/db/schema';
import { slaRuleSubjects } from '@/db/schema/sla';
import { ticketPriorities, ticketTypes } from '@/db/schema/tickets';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import type { SlaRule } from './rules';
import { appendPosition, lockRuleList, movedOrder, moveRuleInput, type MoveRuleInput } from '@/lib/rules/ordered-list';

// Settings → SLA rules: admins list, save, reorder and delete the workspace's rules, each
// for conversations or for tickets (ordered among its own kind). A changed rule applies to
// conversations from their next cycle and to tickets from their next match (created, or
// their team, priority, type or tags changed); targets already running keep their due times.

export const MAX_SLA_RULES = 50;
const MAX_MINUTES = 60 * 24 * 90; // 90 days

const minutes = z
  .union([z.literal(''), z.null(), z.coerce.number()])
  .transform((v) => (v === '' || v === null ? null : v))
  .pipe(z.number().int('Whole minutes').min(1, 'At least 1 minute').max(MAX_MINUTES, 'At most 90 days').nullable());

export const slaRuleInput = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'Name the rule').max(80, 'Keep the name under 80 characters'),
    /** Absent (older clients): a conversation rule. */
    appliesTo: z.enum(slaRuleSubjects).default('conversation'),
    enabled: z.boolean(),
    channelKinds: z.array(z.enum(channelKinds)).max(channelKinds.length),
    teamIds: z.array(z.uuid()).max(50),
    tags: z.array(z.string().trim().min(1).max(50)).max(20, 'At most 20 tags'),
    customFieldKey: z.string().trim().max(100),
    customFieldValue: z.string().trim().max(200),
    priorities: z.array(z.enum(conversationPriorities)).max(conversationPriorities.length),
    ticketPriorities: z.array(z.enum(ticketPriorities)).max(ticketPriorities.length).default([]),
    ticketTypes: z.array(z.enum(ticketTypes)).max(ticketTypes.length).default([]),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    businessHours: z.boolean(),
  })
  .superRefine((v, ctx) => {
    // Tickets owe no "next reply": a ticket rule's targets are the first response and the resolution.
    const next = v.appliesTo === 'ticket' ? null : v.nextResponseMinutes;
    if (v.firstResponseMinutes === null && next === null && v.resolutionMinutes === null) {
      ctx.addIssue({ code: 'custom', path: ['firstResponseMinutes'], message: 'Set at least one target' });
    }
    if ((v.customFieldKey === '') !== (v.customFieldValue === '')) {
      ctx.addIssue({ code: 'custom', path: ['customFieldValue'], message: 'Give both the field and the value, or neither' });
    }
  });

export type SlaRuleInput = z.input<typeof slaRuleInput>;
type ParsedRule = z.infer<typeof slaRuleInput>;

export async function listSlaRules(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>): Promise<SlaRule[]> {
  return db.select().from(slaRules).where(eq(slaRules.workspaceId, ctx.workspaceId)).orderBy(asc(slaRules.position), asc(slaRules.createdAt));
}

/** What a rule keeps: only the conditions and targets of its kind. */
function columns(input: ParsedRule) {
  if (input.appliesTo === 'ticket') {
    return {
      name: input.name,
      appliesTo: input.appliesTo,
      enabled: input.enabled,
      conditions: {
        ...(input.teamIds.length ? { teamIds: input.teamIds } : {}),
        ...(input.tags.length ? { tags: [...new Set(input.tags)] } : {}),
        ...(input.ticketPriorities.length ? { ticketPriorities: input.ticketPriorities } : {}),
        ...(input.ticketTypes.length ? { ticketTypes: input.ticketTypes } : {}),
      },
      firstResponseMinutes: input.firstResponseMinutes,
      nextResponseMinutes: null,
      resolutionMinutes: input.resolutionMinutes,
      businessHours: input.businessHours,
    };
  }
  return {
    name: input.name,
    appliesTo: input.appliesTo,
    enabled: input.enabled,
    conditions: {
      ...(input.channelKinds.length ? { channelKinds: input.channelKinds } : {}),
      ...(input.teamIds.length ? { teamIds: input.teamIds } : {}),
      ...(input.tags.length ? { tags: [...new Set(input.tags)] } : {}),
      ...(input.priorities.length ? { priorities: input.priorities } : {}),
      ...(input.customFieldKey ? { customField: { key: input.customFieldKey, value: input.customFieldValue } } : {}),
    },
    firstResponseMinutes: input.firstResponseMinutes,
    nextResponseMinutes: input.nextResponseMinutes,
    resolutionMinutes: input.resolutionMinutes,
    businessHours: input.businessHours,
  };
}

/** Creates a rule (last in the order) or updates one of this workspace's. */
export async function saveSlaRule(db: Db, ctx: ActorContext, raw: SlaRuleInput): Promise<SlaRule> {
  const input = slaRuleInput.parse(raw);
  return db.transaction(async (tx) => {
    if (input.teamIds.length) {
      const found = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, ctx.workspaceId), inArray(teams.id, input.teamIds)));
      if (found.length !== new Set(input.teamIds).size) throw new UserError('invalid', 'A chosen team no longer exists. Reload the page.');
    }
    const values = { ...columns(input), updatedAt: new Date() };
    if (input.id) {
      const [updated] = await tx
        .update(slaRules)
        .set(values)
        .where(and(eq(slaRules.id, input.id), eq(slaRules.workspaceId, ctx.workspaceId)))
        .returning();
      if (!updated) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
      await writeAudit(tx, ctx, 'sla_rule.updated', { type: 'sla_rule', id: updated.id }, { name: updated.name });
      return updated;
    }
    const position = await appendPosition(
      tx,
      { name: 'sla-rules', label: 'SLA rules', table: slaRules, workspaceColumn: slaRules.workspaceId, positionColumn: slaRules.position, limit: MAX_SLA_RULES },
      ctx.workspaceId,
    );
    const [created] = await tx
      .insert(slaRules)
      .values({ ...values, workspaceId: ctx.workspaceId, position })
      .returning();
    await writeAudit(tx, ctx, 'sla_rule.created', { type: 'sla_rule', id: created.id }, { name: created.name });
    return created;
  });
}

export const slaRuleIdInput = z.object({ id: z.uuid() });
export const moveSlaRuleInput = moveRuleInput;

/** A step up or down among the rules of its kind: the first match wins, so order is what admins set. */
export async function moveSlaRule(db: Db, ctx: ActorContext, input: MoveRuleInput): Promise<SlaRule[]> {
  return db.transaction(async (tx) => {
    await lockRuleList(tx, 'sla-rules', ctx.workspaceId);
    const all = await listSlaRules(tx, ctx);
    const kind = all.find((r) => r.id === input.id)?.appliesTo;
    const rules = all.filter((r) => r.appliesTo === kind);
    const order = movedOrder(rules.map((r) => r.id), input.id, input.direction);
    if (!order) throw new UserError('not_found', 'This rule was deleted. Reload the page.');
    for (const [i, id] of order.entries()) await tx.update(slaRules).set({ position: i + 1 }).where(eq(slaRules.id, id));
    const moved = rules.find((r) => r.id === input.id)!;
    await writeAudit(tx, ctx, 'sla_rule.moved', { type: 'sla_rule', id: moved.id }, { name: moved.name, direction: input.direction });
    return listSlaRules(tx, ctx);
  });
}

export async function deleteSlaRule(db: Db, ctx: ActorContext, input: z.infer<typeof slaRuleIdInput>): Promise<{ deleted: boolean }> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.delete(slaRules).where(and(eq(slaRules.id, input.id), eq(slaRules.workspaceId, ctx.workspaceId))).returning();
    if (!deleted) return { deleted: false };
    await writeAudit(tx, ctx, 'sla_rule.deleted', { type: 'sla_rule', id: deleted.id }, { name: deleted.name });
    return { deleted: true };
  });
}
