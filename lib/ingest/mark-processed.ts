import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { inboundEvents } from '@/db/schema';

/**
 * Marks deliveries processed, one statement for all that finished meanwhile: while one
 * update is in flight, the next deliveries to finish wait for the one after it. A crash
 * between a delivery's work and its mark only makes it processed again (every step is
 * idempotent), never lost.
 */
export function createProcessedMarker(db: Db): (eventId: string) => Promise<void> {
  let waiting: Array<{ id: string; done: () => void; failed: (error: unknown) => void }> = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        try {
          await db
            .update(inboundEvents)
            .set({ status: 'processed', error: null, nextAttemptAt: null, processedAt: new Date() })
            .where(inArray(inboundEvents.id, batch.map((w) => w.id)));
          for (const w of batch) w.done();
        } catch (error) {
          for (const w of batch) w.failed(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (eventId) =>
    new Promise<void>((done, failed) => {
      waiting.push({ id: eventId, done, failed });
      if (!flushing) void flush();
    });
}
