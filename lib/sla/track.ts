import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversations, slaRules, slaTargets } from '@/db/schema';
import { loadConversationFacts } from '@/lib/conversations/facts';
import type { SlaTargetKind } from '@/db/schema/conversations';
import type { BusinessHours } from '@/lib/business-hours/schedule';
import { matchRule, targetDueAt, type SlaRule } from './rules';
import { loadBusinessHours } from '@/lib/business-hours/load';

// The SLA lifecycle of a conversation, inside the transaction of the change that drives it.
// A cycle runs while the team holds an open conversation (a request, or an agent's): it
// starts with a first-reply and a resolution target from the rule that matches then; each
// customer message with no reply owed starts a next-reply target; an agent's reply meets
// the reply targets, the resolve meets the resolution; the bot taking it back cancels what
// is pending. Each function returns the conversation's new SLA summary (null: unchanged),
// which the caller writes with its own update of the conversation.

type ConversationRow = typeof conversations.$inferSelect;
type TargetRow = typeof slaTargets.$inferSelect;

export type SlaSummary = Pick<ConversationRow, 'slaRuleId' | 'slaDueAt' | 'slaDueKind' | 'slaDueStartedAt'>;

const RESPONSE_KINDS: SlaTargetKind[] = ['first_response', 'next_response'];

/** The team holds it: a request or an agent's, not resolved. */
export const teamHolds = (c: Pick<ConversationRow, 'status' | 'handler'>) => c.status === 'open' && c.handler !== 'bot';

async function enabledRules(tx: DbOrTx, workspaceId: string): Promise<SlaRule[]> {
  return tx
    .select()
    .from(slaRules)
    .where(and(eq(slaRules.workspaceId, workspaceId), eq(slaRules.enabled, true), eq(slaRules.appliesTo, 'conversation')))
    .orderBy(asc(slaRules.position));
}

async function hoursFor(tx: DbOrTx, rule: SlaRule, workspaceId: string): Promise<BusinessHours | null> {
  if (!rule.businessHours) return null;
  return (await loadBusinessHours(tx, workspaceId))?.hours ?? null;
}

async function startTargets(tx: DbOrTx, c: ConversationRow, rule: SlaRule, kinds: { kind: SlaTargetKind; startedAt: Date }[]) {
  if (kinds.length === 0) return;
  const hours = await hoursFor(tx, rule, c.workspaceId);
  const rows = kinds.flatMap(({ kind, startedAt }) => {
    const dueAt = targetDueAt(rule, kind, startedAt, hours);
    return dueAt ? [{ workspaceId: c.workspaceId, conversationId: c.id, ruleId: rule.id, kind, startedAt, dueAt }] : [];
  });
  if (rows.length) await tx.insert(slaTargets).values(rows);
}

const pending = (conversationId: string) => and(eq(slaTargets.conversationId, conversationId), isNull(slaTargets.metAt), isNull(slaTargets.cancelledAt));

/** A target closed after its due time was breached then, even if the sweep had not seen it yet. */
const breachIfLate = (at: Date) => sql`coalesce(${slaTargets.breachedAt}, case when ${slaTargets.dueAt} < ${at.toISOString()}::timestamptz then ${slaTargets.dueAt} end)`;

async function closeTargets(tx: DbOrTx, conversationId: string, kinds: SlaTargetKind[], how: 'met' | 'cancelled', at: Date): Promise<TargetRow[]> {
  return tx
    .update(slaTargets)
    .set(how === 'met' ? { metAt: at, breachedAt: breachIfLate(at) } : { cancelledAt: at, breachedAt: breachIfLate(at) })
    .where(and(pending(conversationId), inArray(slaTargets.kind, kinds)))
    .returning();
}

/** The nearest pending target, for the list's badge and sort. */
async function summaryOf(tx: DbOrTx, conversationId: string, slaRuleId: string | null): Promise<SlaSummary> {
  const [next] = await tx.select().from(slaTargets).where(pending(conversationId)).orderBy(asc(slaTargets.dueAt)).limit(1);
  return { slaRuleId, slaDueAt: next?.dueAt ?? null, slaDueKind: next?.kind ?? null, slaDueStartedAt: next?.startedAt ?? null };
}

/** A new cycle with the rule that matches now; null rule id when none does. */
async function startCycle(tx: DbOrTx, c: ConversationRow, at: Date): Promise<SlaSummary> {
  const rules = await enabledRules(tx, c.workspaceId);
  const rule = rules.length ? matchRule(rules, await loadConversationFacts(tx, c)) : null;
  if (!rule) return NO_TARGETS;
  await startTargets(tx, c, rule, [
    { kind: 'first_response', startedAt: at },
    { kind: 'resolution', startedAt: at },
  ]);
  return summaryOf(tx, c.id, rule.id);
}

const NO_TARGETS: SlaSummary = { slaRuleId: null, slaDueAt: null, slaDueKind: null, slaDueStartedAt: null };

/** Whether writing `summary` would change the row (the one writer skips the update when not). */
export function changesSummary(row: SlaSummary, summary: SlaSummary): boolean {
  return (
    row.slaRuleId !== summary.slaRuleId ||
    row.slaDueKind !== summary.slaDueKind ||
    (row.slaDueAt?.getTime() ?? null) !== (summary.slaDueAt?.getTime() ?? null) ||
    (row.slaDueStartedAt?.getTime() ?? null) !== (summary.slaDueStartedAt?.getTime() ?? null)
  );
}

/**
 * After a change of state (the one writer calls this): the team took the conversation
 * (start), gave it to the bot or resolved it (end), or its team or priority changed (the
 * rule is looked at again).
 */
export async function trackTransition(tx: DbOrTx, before: ConversationRow, after: ConversationRow, at: Date): Promise<SlaSummary | null> {
  const held = teamHolds(before);
  const holds = teamHolds(after);
  if (!held && holds) return startCycle(tx, after, at);
  if (held && !holds) {
    // No rule applied: no target is pending (a re-match that found none cancelled them).
    if (!before.slaRuleId) return null;
    const resolved = after.status === 'resolved';
    if (resolved) await closeTargets(tx, after.id, ['resolution'], 'met', at);
    await closeTargets(tx, after.id, resolved ? RESPONSE_KINDS : [...RESPONSE_KINDS, 'resolution'], 'cancelled', at);
    return NO_TARGETS;
  }
  if (holds && (before.teamId !== after.teamId || before.priority !== after.priority)) return reapplyRule(tx, after, at);
  return null;
}

/** A conversation opened straight into the team's hands (no flow answers). */
export async function trackOpening(tx: DbOrTx, c: ConversationRow, at: Date): Promise<SlaSummary | null> {
  return teamHolds(c) ? startCycle(tx, c, at) : null;
}

/** The customer wrote: a next-reply target starts when no reply is owed yet. */
/**
 * For many customer messages at once (the ingest's batch): the conversations trackCustomerMessage
 * would leave alone because a reply is owed already, read in one statement. The others still
 * go through trackCustomerMessage.
 */
export async function owedAReplyAlready(tx: DbOrTx, conversations: readonly ConversationRow[]): Promise<Set<string>> {
  const ids = conversations.filter((c) => c.slaRuleId && teamHolds(c)).map((c) => c.id);
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ id: slaTargets.conversationId })
    .from(slaTargets)
    .where(and(inArray(slaTargets.conversationId, ids), isNull(slaTargets.metAt), isNull(slaTargets.cancelledAt), inArray(slaTargets.kind, RESPONSE_KINDS)));
  return new Set(rows.map((r) => r.id));
}

export async function trackCustomerMessage(tx: DbOrTx, c: ConversationRow, at: Date): Promise<SlaSummary | null> {
  if (!c.slaRuleId || !teamHolds(c)) return null;
  const owed = await tx
    .select({ id: slaTargets.id })
    .from(slaTargets)
    .where(and(pending(c.id), inArray(slaTargets.kind, RESPONSE_KINDS)))
    .limit(1);
  if (owed.length) return null;
  const [rule] = await tx.select().from(slaRules).where(eq(slaRules.id, c.slaRuleId)).limit(1);
  if (!rule?.nextResponseMinutes) return null;
  await startTargets(tx, c, rule, [{ kind: 'next_response', startedAt: at }]);
  return summaryOf(tx, c.id, c.slaRuleId);
}

/** An agent replied to the customer: the reply owed is met. */
export async function trackAgentReply(tx: DbOrTx, c: Pick<ConversationRow, 'id' | 'slaRuleId'>, at: Date): Promise<SlaSummary | null> {
  if (!c.slaRuleId) return null;
  const met = await closeTargets(tx, c.id, RESPONSE_KINDS, 'met', at);
  return met.length ? summaryOf(tx, c.id, c.slaRuleId) : null;
}

/**
 * What the rule looks at changed (team, priority, the customer's tags or fields): when
 * another rule applies now, the pending targets are counted again under it from when they
 * started; a rule that starts to apply mid-way counts from now.
 */
export async function reapplyRule(tx: DbOrTx, c: ConversationRow, at: Date): Promise<SlaSummary | null> {
  if (!teamHolds(c)) return null;
  const rules = await enabledRules(tx, c.workspaceId);
  const rule = rules.length ? matchRule(rules, await loadConversationFacts(tx, c)) : null;
  if ((rule?.id ?? null) === c.slaRuleId) return null;
  const before = await closeTargets(tx, c.id, [...RESPONSE_KINDS, 'resolution'], 'cancelled', at);
  if (rule) {
    const carried = before.filter((t) => t.breachedAt === null).map((t) => ({ kind: t.kind, startedAt: t.startedAt }));
    if (c.slaRuleId === null) {
      const replyOwed = !c.lastAgentMessageAt || (c.lastCustomerMessageAt !== null && c.lastCustomerMessageAt > c.lastAgentMessageAt);
      if (replyOwed) carried.push({ kind: c.lastAgentMessageAt ? 'next_response' : 'first_response', startedAt: at });
      carried.push({ kind: 'resolution', startedAt: at });
    }
    await startTargets(tx, c, rule, carried);
  }
  return summaryOf(tx, c.id, rule?.id ?? null);
}
