import { waitFor } from '../../support/wait-for';

/** `waitFor` with the pace background jobs need: 10 s, a check every 50 ms. */
export function waitUntil<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  return waitFor(what, check, timeoutMs, { everyMs });
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
