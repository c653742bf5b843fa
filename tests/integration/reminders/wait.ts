/**
 * Polls `check` until it returns something truthy; fails naming `what` after `timeoutMs`.
 * For state that changes in the background (jobs, after-commit work): never a fixed sleep.
 */
export async function waitUntil<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resolves when `check` has stayed falsy for `ms` (to show that something did *not* happen). */
export async function staysFalse(check: () => Promise<unknown>, ms = 500, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}
