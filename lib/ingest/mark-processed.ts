import type { Db } from '@/db/client';
import { finishDeliveries, processedSet } from './customer-order';

/**
 * Marks deliveries processed, one statement for all that finished meanwhile: while one
 * update is in flight, the next deliveries to finish wait for the one after it. A crash
 * between a delivery's work and its mark only makes it processed again (every step is
 * idempotent), never lost. `onReleased` hears when a customer's next delivery went back in the
 * queue, so the worker claims it.
 */
export function createProcessedMarker(db: Db, onReleased: () => void = () => {}): (eventId: string) => Promise<void> {
  let waiting: Array<{ id: string; done: () => void; failed: (error: unknown) => void }> = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        try {
          // The next waiting delivery of each of their customers goes back in the queue with them.
          const released = await finishDeliveries(db, batch.map((w) => w.id), processedSet);
          for (const w of batch) w.done();
          if (released > 0) onReleased();
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
