// Sign-out happens in this tab before the page leaves the workspace: from then on the
// session's realtime authorizations can only be refused. Remembering which session ended
// keeps the workspace layout (which may re-render once more while the redirect is under
// way) from opening a fresh connection for it, while a new sign-in, a new session, connects.

let endedSession: string | null = null;
const disconnects = new Set<() => void>();

export function sessionEnded(sessionTag: string): boolean {
  return endedSession === sessionTag;
}

/** Registers a live client's disconnect for as long as it is open; returns the unregister. */
export function onSessionEnd(disconnect: () => void): () => void {
  disconnects.add(disconnect);
  return () => disconnects.delete(disconnect);
}

/** Called as the user signs out: closes every realtime client of this session first. */
export function endRealtimeSession(sessionTag: string): void {
  endedSession = sessionTag;
  for (const disconnect of [...disconnects]) disconnect();
}
