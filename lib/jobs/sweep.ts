import type { Db } from '@/db/client';
import { dueInboundEventIds, processInboundEvent } from '@/lib/ingest/process';
import { deliverMessage, dueMessageIds, failInterruptedSends } from '@/lib/outbox/deliver';
import { ingestMode } from '@/lib/ingest/worker';
import { routeWaitingEverywhere } from '@/lib/routing/route'; // automatic routing (issue 5)

/**
 * One pass over the durable work kept in PostgreSQL: inbound deliveries to (re)process and
 * outbound messages due for a (re)try. Safe to run on every instance at once: each item is
 * claimed with a conditional update before it is worked on.
 */
export async function sweepOnce(db: Db, now = new Date()): Promise<{ inbound: number; outbound: number; interrupted: number }> {
  const interrupted = await failInterruptedSends(db, now);
  // With a worker process, inbound retries are the worker's (it claims due ones itself).
  const inbound = ingestMode() === 'worker' ? [] : await dueInboundEventIds(db, now);
  for (const id of inbound) await processInboundEvent(db, id);
  const outbound = await dueMessageIds(db, now);
  for (const id of outbound) await deliverMessage(db, id, now);
  await routeWaitingEverywhere(db); // automatic routing: requests still waiting (agents who came online, freed capacity)
  return { inbound: inbound.length, outbound: outbound.length, interrupted };
}
