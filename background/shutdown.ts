import { expectDatabaseShutdown } from '@/db/client';
import { closeDb } from '@/lib/db';

export type ShutdownSteps = {
  /** Stop taking new background work and finish what is in progress. */
  stopWork: (() => Promise<void>)[];
  /** How long the work in progress may take before the process goes anyway. */
  graceMs?: number;
};

const holder = globalThis as unknown as { __batonShutdownHooked?: boolean };

/**
 * The Next process's part of an ordered stop (SIGTERM from the launcher, or SIGINT).
 *
 * Next's own handler stops accepting requests, lets the pending ones finish and then calls
 * process.exit. Beside it, this stops the sweep and the job workers at once and lets their
 * work in progress finish (bounded), and holds that exit until then; the pool is closed
 * last, after the last request, so nothing still running loses its connection. The
 * launcher stops the database only once this process is gone.
 */
export function stopInOrderOnSignal({ stopWork, graceMs = 10_000 }: ShutdownSteps): void {
  if (holder.__batonShutdownHooked) return; // dev reloads may register again
  holder.__batonShutdownHooked = true;

  let drained: Promise<void> | null = null;
  const begin = () => {
    expectDatabaseShutdown();
    drained ??= Promise.race([
      Promise.allSettled(stopWork.map((stop) => stop())).then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
    ]);
  };
  process.once('SIGTERM', begin);
  process.once('SIGINT', begin);

  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    if (!drained) return exit(code);
    void drained
      .then(() => closeDb())
      .catch(() => undefined)
      .finally(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}
