/**
 * Scripted failures: "answer the next N matching requests with this status and body", so
 * tests and the demo can rehearse a closed window, an expired token, a 5xx or a 429 without
 * the fake having to model why.
 */

export type ScriptedFailure = {
  status: number;
  body: unknown;
  /** Extra response headers, e.g. Retry-After on a 429. */
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1; Infinity = until reset). */
  times?: number;
  /** Hold the response this long first: lets a test exercise the caller's timeout. */
  delayMs?: number;
};

/**
 * A lost answer: the platform handles the request for real (the send is recorded, a retry
 * key remembered) and only answers after delayMs, past the caller's timeout.
 */
export type ScriptedHold = { delayMs: number; times?: number };

type Pending<C, F> = { failure: F; matches: (ctx: C) => boolean; remaining: number };

export class FailureQueue<C, F extends ScriptedFailure | ScriptedHold = ScriptedFailure> {
  private pending: Pending<C, F>[] = [];

  add(failure: F, matches: (ctx: C) => boolean): void {
    const times = failure.times ?? 1;
    if (!(times > 0)) throw new Error('failNext: times must be a positive number');
    if ('status' in failure && (!Number.isInteger(failure.status) || failure.status < 100 || failure.status > 599)) {
      throw new Error(`failNext: status must be an HTTP status code, got ${String(failure.status)}`);
    }
    this.pending.push({ failure, matches, remaining: times });
  }

  /** The first scripted failure matching this request, used up by one. */
  take(ctx: C): F | undefined {
    const entry = this.pending.find((p) => p.matches(ctx));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.pending = this.pending.filter((p) => p !== entry);
    return entry.failure;
  }

  clear(): void {
    this.pending = [];
  }
}
