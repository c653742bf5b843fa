import { and, isNull, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { slaTargets, ticketEvents, ticketSlaTargets } from '@/db/schema';
import type { SlaTargetKind } from '@/db/schema/conversations';
import { breachLine } from './ticket-track';

/**
 * Records every pending target whose due time has passed as breached, once: the condition
 * "not breached yet" makes running it again (or on two instances at once) a no-op. A
 * target met or cancelled after its due time is marked by the tracker itself, so a breach
 * is on record even when this check has not run in between.
 */
export async function recordSlaBreaches(db: Db, now = new Date()): Promise<SlaBreach[]> {
  return db
    .update(slaTargets)
    .set({ breachedAt: slaTargets.dueAt })
    .where(and(isNull(slaTargets.metAt), isNull(slaTargets.cancelledAt), isNull(slaTargets.breachedAt), lte(slaTargets.dueAt, now)))
    .returning({ conversationId: slaTargets.conversationId, kind: slaTargets.kind });
}

export type SlaBreach = { conversationId: string; kind: SlaTargetKind };

export type TicketSlaBreach = { ticketId: string; workspaceId: string; kind: SlaTargetKind; dueAt: Date };

/**
 * The same check for tickets' running targets (a paused one cannot fall due), in the same
 * minutely job: each breach is recorded once, with a line in the ticket's history dated
 * at the due time that passed, in one transaction so the line is never written twice.
 */
export async function recordTicketSlaBreaches(db: Db, now = new Date()): Promise<TicketSlaBreach[]> {
  return db.transaction(async (tx) => {
    const breached = await tx
      .update(ticketSlaTargets)
      .set({ breachedAt: ticketSlaTargets.dueAt })
      .where(
        and(
          isNull(ticketSlaTargets.metAt),
          isNull(ticketSlaTargets.cancelledAt),
          isNull(ticketSlaTargets.breachedAt),
          isNull(ticketSlaTargets.pausedAt),
          lte(ticketSlaTargets.dueAt, now),
        ),
      )
      .returning({ ticketId: ticketSlaTargets.ticketId, workspaceId: ticketSlaTargets.workspaceId, kind: ticketSlaTargets.kind, dueAt: ticketSlaTargets.dueAt });
    if (breached.length) {
      await tx.insert(ticketEvents).values(breached.map(breachLine));
    }
    return breached;
  });
}
