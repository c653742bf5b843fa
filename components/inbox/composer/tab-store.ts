'use client';

// The browser's localStorage, for what the composer must not lose to a reload: the draft and
// the key of a send whose answer never came. (sessionStorage did not survive the browser's
// error page when a reload met a server that was down.) Cleared at sign-out, so a shared
// computer keeps no drafts; blocked storage or a full quota just means memory only.

const PREFIX = 'baton:';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const tabStore = {
  get(key: string): string | null {
    try {
      return storage()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value) storage()?.setItem(key, value);
      else storage()?.removeItem(key);
    } catch {
      // quota exceeded: memory only
    }
  },
};

export const composerKeys = {
  draft: (workspaceId: string, conversationId: string) => `${PREFIX}draft:${workspaceId}:${conversationId}`,
  pendingSend: (workspaceId: string, conversationId: string) => `${PREFIX}pending-send:${workspaceId}:${conversationId}`,
};

/** At sign-out: every draft and pending key of this browser goes. */
export function forgetComposerState(): void {
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
  } catch {
    // storage blocked: nothing was kept
  }
}
