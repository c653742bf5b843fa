// Sign-out happens in this tab before the page leaves the workspace: from then on the
// session's realtime authorizations can only be refused. So the tab's realtime client is
// disconnected before the sign-out is sent (no channel or user authorization goes out once
// the session ends, and no reconnect after the server terminates the session's sockets),
// and remembering which session ended keeps the workspace layout (which may re-render once
// more while the redirect is under way) from opening a fresh connection for it, while a
// new sign-in, a new session, connects.

let endedSession: string | null = null;
let live: { sessionTag: string; disconnect: () => void } | null = null;

export function sessionEnded(sessionTag: string): boolean {
  return endedSession === sessionTag;
}

/**
 * The provider's client for this session, to disconnect when the user signs out. Returns
 * the function that forgets it (the provider's cleanup).
 */
export function onRealtimeSessionEnd(sessionTag: string, disconnect: () => void): () => void {
  const entry = { sessionTag, disconnect };
  live = entry;
  return () => {
    if (live === entry) live = null;
  };
}

/** Called as the user signs out, before the sign-out is sent: the session's client disconnects and none opens again. */
export function endRealtimeSession(sessionTag: string): void {
  endedSession = sessionTag;
  if (live?.sessionTag === sessionTag) {
    const { disconnect } = live;
    live = null;
    disconnect();
  }
}
