import { createHmac } from 'node:crypto';

// Time-limited TURN credentials ("TURN REST API", coturn's use-auth-secret): the user name is
// the expiry (Unix seconds) and who it is for, the password the base64 HMAC-SHA1 of that
// user name under the secret the TURN server shares with Baton. A visitor's browser gets a
// pair that stops working after TTL instead of a password for everyone that never does.

/** Long enough for any call (the TURN server checks it again on each refresh of a relay). */
export const TURN_CREDENTIAL_TTL_S = 12 * 3600;

export function turnCredentials(secret: string, subject: string, now = new Date(), ttlSeconds = TURN_CREDENTIAL_TTL_S): { username: string; credential: string } {
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${subject}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}
