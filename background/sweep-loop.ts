import { getDb } from '@/db/client';
import { sweepOnce } from './sweep';

const SWEEP_INTERVAL_MS = 5_000;

/**
 * Starts the periodic sweep in this server process (called once from instrumentation.ts).
 * The state lives in PostgreSQL, so a restart or a second instance loses nothing.
 */
export function startBackgroundWork(): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(getDb())
      .catch((error: unknown) => console.error('[sweep]', error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
