'use client';

import { useSyncExternalStore } from 'react';

// Whether Baton's server and its database answer, as this tab last found: any action that
// comes back "unavailable" (the database is down) or cannot reach the server at all flips
// it, and from then on the tab asks /api/health every few seconds until both answer again.
// The banner reads it; nothing polls while all is well.

const HEALTH_URL = '/api/health';
export const HEALTH_POLL_MS = 2_000;

let reachable = true;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

async function check() {
  timer = null;
  const ok = await fetch(HEALTH_URL, { cache: 'no-store' }).then(
    (response) => response.ok,
    () => false,
  );
  if (ok) {
    reachable = true;
    emit();
  } else timer = setTimeout(() => void check(), HEALTH_POLL_MS);
}

/** The server or its database did not answer: show it, and watch for their return. */
export function markServerUnreachable() {
  if (!reachable) return;
  reachable = false;
  emit();
  timer ??= setTimeout(() => void check(), HEALTH_POLL_MS);
}

/** Notes an action's refusal when it says the database is down; passes the result on. */
export function watchResult<R extends { ok: boolean; code?: string }>(result: R): R {
  if (!result.ok && result.code === 'unavailable') markServerUnreachable();
  return result;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useServerReachable(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => reachable,
    () => true,
  );
}
