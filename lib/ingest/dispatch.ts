import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { inboundEvents } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { runSoon } from '@/lib/jobs/run-soon';
import { createSlots } from '@/lib/jobs/slots';
import { processInboundEvent } from './process';
import { ingestMode, wakeIngestWorker } from './worker';

// The one place that decides who processes a stored webhook delivery: the inbound worker
// process (woken with a NOTIFY) or this process (BATON_INGEST_MODE, lib/ingest/worker.ts).
// Every way a delivery gets stored or made due again (a platform's webhook, the simulator,
// an admin's retry) hands it on through here.

let inlineSlots: ReturnType<typeof createSlots> | null = null;

/**
 * Inline mode caps the deliveries one process works on at once; one that finds no slot
 * stays stored and due, and the sweep takes it.
 */
function slots() {
  inlineSlots ??= createSlots(getConfig().BATON_INGEST_CONCURRENCY);
  return inlineSlots;
}

/**
 * Hands a stored delivery on without waiting for its processing: the worker is woken, or
 * this process works on it after the current response is sent. The returned promise is the
 * wake-up only; a caller answering a platform need not wait for it (the row is stored).
 */
export function dispatchDelivery(db: Db, eventId: string): Promise<void> {
  if (ingestMode() === 'worker') return wakeIngestWorker(db);
  runSoon('ingest', async () => {
    slots().tryRun(() => processInboundEvent(db, eventId).catch((e: unknown) => console.error('[ingest]', e)));
  });
  return Promise.resolve();
}

/**
 * Hands a stored delivery on and waits (up to `waitMs`) until it is processed, for a caller
 * that shows its outcome at once (the simulator's customer view). Inline it is processed
 * here; with a worker, one still queued behind others after the wait appears live later.
 */
export async function dispatchDeliveryAndWait(db: Db, eventId: string, waitMs = 5_000): Promise<void> {
  if (ingestMode() !== 'worker') {
    await processInboundEvent(db, eventId);
    return;
  }
  await wakeIngestWorker(db);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const [row] = await db.select({ status: inboundEvents.status }).from(inboundEvents).where(eq(inboundEvents.id, eventId));
    if (!row || !['pending', 'waiting', 'processing'].includes(row.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
