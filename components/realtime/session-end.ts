// Sign-out happens in this tab before the page leaves the workspace: from then on the
// session's realtime authorizations can only be refused. Remembering which session ended
// keeps the workspace layout (which may re-render once more while the redirect is under
// way) from opening a fresh connection for it, while a new sign-in, a new session, connects.

let endedSession: string | null = null;

export function sessionEnded(sessionTag: string): boolean {
  return endedSession === sessionTag;
}

/**
 * Called as the user signs out: no new realtime client opens for this session. The open one
 * is left to close with the page (closing it here made pusher-js write to a closed socket
 * as the page's listeners unsubscribed).
 */
export function endRealtimeSession(sessionTag: string): void {
  endedSession = sessionTag;
}
