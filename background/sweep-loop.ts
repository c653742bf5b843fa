import { getDb } from '@/lib/db';
import { sweepOnce } from './sweep';

const SWEEP_INTERVAL_MS = 5_000;

/**
 * Starts the periodic sweep in this server process (called once from instrumentation.ts).
 * The state lives in PostgreSQL, so a restart or a second instance loses nothing.
 * The returned stop starts no new pass and resolves when the pass in progress is done.
 */
export function startBackgroundWork(): () => Promise<void> {
  let pass: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (pass) return;
    pass = sweepOnce(getDb())
      .then(
        () => undefined,
        (error: unknown) => console.error('[sweep]', error instanceof Error ? error.message : error),
      )
      .finally(() => {
        pass = null;
      });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pass;
  };
}
