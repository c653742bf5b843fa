import type { Db } from '@/db/client';
import { claimInboundEvents, processClaimedEvent, releaseLapsedLeases } from '@/lib/ingest/process';
import { deliverMessage, dueMessageIds, failInterruptedSends } from '@/lib/outbox/deliver';
import { ingestMode } from '@/lib/ingest/worker';
import { releaseStrandedWaiting } from '@/lib/ingest/customer-order';
import { routeWaitingEverywhere } from '@/lib/routing/route';

async function claimForSweep(db: Db, now: Date) {
  await releaseLapsedLeases(db, now);
  await releaseStrandedWaiting(db);
  return claimInboundEvents(db, 50, { retries: true, pendingBefore: new Date(now.getTime() - 3_000), now });
}

/**
 * One pass over the durable work kept in PostgreSQL: inbound deliveries to (re)process and
 * outbound messages due for a (re)try. Safe to run on every instance at once: each item is
 * claimed with a conditional update before it is worked on.
 */
export async function sweepOnce(db: Db, now = new Date()): Promise<{ inbound: number; outbound: number; interrupted: number }> {
  const interrupted = await failInterruptedSends(db, now);
  // With a worker process, inbound work is the worker's. Inline, the sweep takes what the
  // request's after() did not (older than 3 s), died midway (lapsed lease) or is due a retry.
  const inbound = ingestMode() === 'inline' ? await claimForSweep(db, now) : [];
  for (const event of inbound) await processClaimedEvent(db, event);
  const outbound = await dueMessageIds(db, now);
  for (const id of outbound) await deliverMessage(db, id, now);
  await routeWaitingEverywhere(db); // automatic routing: requests still waiting (agents who came online, freed capacity)
  return { inbound: inbound.length, outbound: outbound.length, interrupted };
}
