import { and, isNull, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { slaTargets } from '@/db/schema';
import type { SlaTargetKind } from '@/db/schema/conversations';

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
