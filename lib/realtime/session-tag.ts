import 'server-only';
import { createHash } from 'node:crypto';

/**
 * Names the signed-in session to the browser's realtime client without handing out the
 * session id itself: the tab tells one session's connections from the next sign-in's.
 */
export function realtimeSessionTag(sessionId: string): string {
  return createHash('sha256').update(`realtime-session:${sessionId}`).digest('base64url').slice(0, 22);
}
