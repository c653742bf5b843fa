import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { slaRules, ticketEvents, ticketSlaTargets, tickets } from '@/db/schema';
import type { SlaTargetKind } from '@/db/schema/conversations';
import type { BusinessHours } from '@/lib/business-hours/schedule';
import { loadBusinessHours } from '@/lib/business-hours/load';
import { addTargetTime, targetMinutes, targetTimeBetween, type SlaRule } from './rules';
import { matchTicketRule, ticketFactsChanged, ticketSlaRuns, ticketSlaWaits, type TicketFacts } from './ticket-rules';

// The SLA lifecycle of a ticket, inside the transaction of the change that drives it (the
// ticket verbs call these). A new ticket gets a first-response and a resolution target from
// the first enabled ticket rule that matches, counted from its creation. The first answer
// (a status change, or a comment by someone other than the ticket's creator) meets the first
// response; solving or closing meets both. While the ticket waits on the customer (pending,
// on hold) its clocks stand still and resume when it is opened again. A change of what the
// rules look at (team, priority, type, tags) matches again. Each function returns the
// ticket's new SLA summary (null: unchanged), which `saveTicketSla` writes.

type TicketRow = typeof tickets.$inferSelect;
type TargetRow = typeof ticketSlaTargets.$inferSelect;

export type TicketSlaSummary = Pick<TicketRow, 'slaRuleId' | 'slaDueAt' | 'slaDueKind' | 'slaDueStartedAt' | 'slaPausedAt'>;

const NO_TARGETS: TicketSlaSummary = { slaRuleId: null, slaDueAt: null, slaDueKind: null, slaDueStartedAt: null, slaPausedAt: null };
const ALL_KINDS: SlaTargetKind[] = ['first_response', 'resolution'];

export const ticketFactsOf = (t: Pick<TicketRow, 'teamId' | 'priority' | 'type' | 'tags'>): TicketFacts => ({ teamId: t.teamId, priority: t.priority, type: t.type, tags: t.tags });

async function ticketRule(tx: DbOrTx, t: TicketRow): Promise<SlaRule | null> {
  const rules = await tx
    .select()
    .from(slaRules)
    .where(and(eq(slaRules.workspaceId, t.workspaceId), eq(slaRules.enabled, true), eq(slaRules.appliesTo, 'ticket')))
    .orderBy(asc(slaRules.position));
  return rules.length ? matchTicketRule(rules, ticketFactsOf(t)) : null;
}

async function hoursFor(tx: DbOrTx, workspaceId: string, needed: boolean): Promise<BusinessHours | null> {
  return needed ? ((await loadBusinessHours(tx, workspaceId))?.hours ?? null) : null;
}

const pending = (ticketId: string) => and(eq(ticketSlaTargets.ticketId, ticketId), isNull(ticketSlaTargets.metAt), isNull(ticketSlaTargets.cancelledAt));

type Start = { kind: SlaTargetKind; startedAt: Date; pausedMs?: number; pausedAt?: Date | null };

/** Targets under `rule`; on a ticket that waits on the customer they start with their clock stopped. */
async function startTargets(tx: DbOrTx, t: TicketRow, rule: SlaRule, starts: Start[], at: Date) {
  const hours = await hoursFor(tx, t.workspaceId, rule.businessHours);
  const rows = starts.flatMap((s) => {
    const minutes = targetMinutes(rule, s.kind);
    if (minutes === null) return [];
    const targetMs = minutes * 60_000;
    const pausedMs = s.pausedMs ?? 0;
    const dueAt = addTargetTime(rule.businessHours, hours, s.startedAt, targetMs + pausedMs);
    const pausedAt = s.pausedAt ?? (ticketSlaWaits(t.status) && dueAt > at ? at : null);
    return [{ workspaceId: t.workspaceId, ticketId: t.id, ruleId: rule.id, kind: s.kind, businessHours: rule.businessHours, targetMs, startedAt: s.startedAt, dueAt, pausedAt, pausedMs }];
  });
  if (rows.length) await tx.insert(ticketSlaTargets).values(rows);
}

/** A running target closed after its due time was breached then, even if the sweep had not seen it yet. */
const breachIfLate = (at: Date) =>
  sql`coalesce(${ticketSlaTargets.breachedAt}, case when ${ticketSlaTargets.pausedAt} is null and ${ticketSlaTargets.dueAt} < ${at.toISOString()}::timestamptz then ${ticketSlaTargets.dueAt} end)`;

async function closeTargets(tx: DbOrTx, ticketId: string, kinds: SlaTargetKind[], how: 'met' | 'cancelled', at: Date): Promise<TargetRow[]> {
  // Missed since the last sweep: the history gets its line here, as the sweep would have written it.
  const missed = await tx
    .select()
    .from(ticketSlaTargets)
    .where(
      and(
        pending(ticketId),
        inArray(ticketSlaTargets.kind, kinds),
        isNull(ticketSlaTargets.breachedAt),
        isNull(ticketSlaTargets.pausedAt),
        sql`${ticketSlaTargets.dueAt} < ${at.toISOString()}::timestamptz`,
      ),
    );
  if (missed.length) await tx.insert(ticketEvents).values(missed.map(breachLine));
  return tx
    .update(ticketSlaTargets)
    .set(how === 'met' ? { metAt: at, breachedAt: breachIfLate(at) } : { cancelledAt: at, breachedAt: breachIfLate(at) })
    .where(and(pending(ticketId), inArray(ticketSlaTargets.kind, kinds)))
    .returning();
}

/** The history's line for a missed target: no actor (the system), dated at the due time that passed. */
export const breachLine = (t: Pick<TargetRow, 'ticketId' | 'workspaceId' | 'kind' | 'dueAt'>) => ({
  ticketId: t.ticketId,
  workspaceId: t.workspaceId,
  actorId: null,
  kind: 'sla_breached' as const,
  data: { target: t.kind, dueAt: t.dueAt.toISOString() },
  createdAt: t.dueAt,
});

/** The clocks stop; a target already past its due time stays breached and keeps running. */
async function pauseTargets(tx: DbOrTx, ticketId: string, at: Date) {
  await tx
    .update(ticketSlaTargets)
    .set({ pausedAt: at })
    .where(and(pending(ticketId), isNull(ticketSlaTargets.pausedAt), sql`${ticketSlaTargets.dueAt} > ${at.toISOString()}::timestamptz`));
}

/** The clocks run again: the time they stood still (of their measure) moves their due time on. */
async function resumeTargets(tx: DbOrTx, t: TicketRow, at: Date) {
  const paused = await tx.select().from(ticketSlaTargets).where(and(pending(t.id), isNotNull(ticketSlaTargets.pausedAt)));
  if (!paused.length) return;
  const hours = await hoursFor(tx, t.workspaceId, paused.some((p) => p.businessHours));
  for (const p of paused) {
    const pausedMs = p.pausedMs + targetTimeBetween(p.businessHours, hours, p.pausedAt!, at);
    const dueAt = addTargetTime(p.businessHours, hours, p.startedAt, p.targetMs + pausedMs);
    await tx.update(ticketSlaTargets).set({ pausedAt: null, pausedMs, dueAt }).where(eq(ticketSlaTargets.id, p.id));
  }
}

/** The nearest running target (for the badge, filter and sort), and since when the clock stands still. */
async function summaryOf(tx: DbOrTx, ticketId: string, slaRuleId: string | null): Promise<TicketSlaSummary> {
  const open = await tx.select().from(ticketSlaTargets).where(pending(ticketId)).orderBy(asc(ticketSlaTargets.dueAt));
  const running = open.find((r) => r.pausedAt === null);
  const paused = open.filter((r) => r.pausedAt !== null).map((r) => r.pausedAt!.getTime());
  return {
    slaRuleId,
    slaDueAt: running?.dueAt ?? null,
    slaDueKind: running?.kind ?? null,
    slaDueStartedAt: running?.startedAt ?? null,
    slaPausedAt: paused.length ? new Date(Math.min(...paused)) : null,
  };
}

async function startCycle(tx: DbOrTx, t: TicketRow, starts: Start[], at: Date): Promise<TicketSlaSummary> {
  const rule = await ticketRule(tx, t);
  if (!rule) return NO_TARGETS;
  await startTargets(tx, t, rule, starts, at);
  return summaryOf(tx, t.id, rule.id);
}

/** A new ticket: its targets count from its creation. */
export async function trackTicketCreated(tx: DbOrTx, t: TicketRow, at: Date): Promise<TicketSlaSummary | null> {
  if (!ticketSlaRuns(t.status)) return null;
  const summary = await startCycle(
    tx,
    t,
    ALL_KINDS.map((kind) => ({ kind, startedAt: t.createdAt })),
    at,
  );
  return summary.slaRuleId ? summary : null;
}

/**
 * After an edit (`before` → `after`, the row as saved): solved or closed meets the targets,
 * opened again starts a new resolution target, a status change answers the first response
 * and stops or restarts the clocks, and a change of the matching facts looks at the rules again.
 */
export async function trackTicketChange(tx: DbOrTx, before: TicketRow, after: TicketRow, at: Date): Promise<TicketSlaSummary | null> {
  const ran = ticketSlaRuns(before.status);
  const runs = ticketSlaRuns(after.status);
  if (ran && !runs) {
    if (!before.slaRuleId) return null;
    await closeTargets(tx, after.id, ALL_KINDS, 'met', at);
    return NO_TARGETS;
  }
  if (!ran && runs) return startCycle(tx, after, [{ kind: 'resolution', startedAt: at }], at);
  if (!runs) return null;

  let moved = false;
  if (before.status !== after.status && before.slaRuleId) {
    await closeTargets(tx, after.id, ['first_response'], 'met', at);
    if (!ticketSlaWaits(before.status) && ticketSlaWaits(after.status)) await pauseTargets(tx, after.id, at);
    if (ticketSlaWaits(before.status) && !ticketSlaWaits(after.status)) await resumeTargets(tx, after, at);
    moved = true;
  }
  if (ticketFactsChanged(ticketFactsOf(before), ticketFactsOf(after))) {
    const reapplied = await reapplyTicketRule(tx, after, at);
    if (reapplied) return reapplied;
  }
  return moved ? summaryOf(tx, after.id, after.slaRuleId) : null;
}

/** A comment by someone other than the ticket's creator is its first response. */
export async function trackTicketComment(tx: DbOrTx, t: TicketRow, authorId: string, at: Date): Promise<TicketSlaSummary | null> {
  if (!t.slaRuleId || authorId === t.createdById) return null;
  const met = await closeTargets(tx, t.id, ['first_response'], 'met', at);
  return met.length ? summaryOf(tx, t.id, t.slaRuleId) : null;
}

/**
 * The facts rules look at changed: when another rule applies now, the pending targets are
 * counted again under it from when they started (keeping the time their clocks stood
 * still); a rule that starts to apply mid-way counts from now.
 */
export async function reapplyTicketRule(tx: DbOrTx, t: TicketRow, at: Date): Promise<TicketSlaSummary | null> {
  if (!ticketSlaRuns(t.status)) return null;
  const rule = await ticketRule(tx, t);
  if ((rule?.id ?? null) === t.slaRuleId) return null;
  const before = await closeTargets(tx, t.id, ALL_KINDS, 'cancelled', at);
  if (!rule) return NO_TARGETS;
  const carried: Start[] =
    t.slaRuleId === null
      ? ALL_KINDS.map((kind) => ({ kind, startedAt: at }))
      : before.filter((p) => p.breachedAt === null).map((p) => ({ kind: p.kind, startedAt: p.startedAt, pausedMs: p.pausedMs, pausedAt: p.pausedAt }));
  await startTargets(tx, t, rule, carried, at);
  return summaryOf(tx, t.id, rule.id);
}

/** Writes the summary on the ticket (no new version: it rides on the change that caused it). */
export async function saveTicketSla(tx: Tx, t: TicketRow, summary: TicketSlaSummary | null): Promise<TicketRow> {
  if (!summary) return t;
  const same =
    t.slaRuleId === summary.slaRuleId &&
    t.slaDueKind === summary.slaDueKind &&
    (['slaDueAt', 'slaDueStartedAt', 'slaPausedAt'] as const).every((k) => (t[k]?.getTime() ?? null) === (summary[k]?.getTime() ?? null));
  if (same) return t;
  const [updated] = await tx.update(tickets).set(summary).where(eq(tickets.id, t.id)).returning();
  return updated;
}
