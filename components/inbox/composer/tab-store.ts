'use client';

// This tab's sessionStorage, for what the composer must not lose to a reload: the draft and
// the key of a send whose answer never came. Survives reloads, gone with the tab (a shared
// computer keeps nothing); blocked storage or a full quota just means memory only.

function storage(): Storage | null {
  try {
    return window.sessionStorage;
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
  draft: (workspaceId: string, conversationId: string) => `baton:draft:${workspaceId}:${conversationId}`,
  pendingSend: (workspaceId: string, conversationId: string) => `baton:pending-send:${workspaceId}:${conversationId}`,
};
