import { after } from 'next/server';

/**
 * Runs work after the current response is sent (Next's `after`), or detached when called
 * outside a request (workers, tests, scripts). Errors are logged: the work is durable
 * elsewhere (stored rows that a sweep or retry job picks up), so nothing is lost.
 */
export function runSoon(label: string, work: () => Promise<unknown>): void {
  const guarded = () =>
    work().catch((error: unknown) => console.error(`[${label}]`, error instanceof Error ? error.message : error));
  try {
    after(guarded);
  } catch {
    void guarded();
  }
}
