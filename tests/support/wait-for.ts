export type WaitOptions = {
  /** How long between checks. */
  everyMs?: number;
  /**
   * Treat a check that throws as "not yet" (a fault test polling a database it has just
   * stopped) instead of failing at once.
   */
  tolerateErrors?: boolean;
};

/** Polls `check` until it returns a value, failing with `what` after `timeoutMs` (never a fixed sleep). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 5000,
  { everyMs = 20, tolerateErrors = false }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt = Promise.resolve().then(check);
    const value = await (tolerateErrors ? attempt.catch(() => null) : attempt);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
