import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userSessions, users } from '@/db/schema';

// Server-side rows behind the session cookies. The cookie is a signed, encrypted JWT that
// names its row (`sid`); a request is signed in only while that row exists. So ending a
// session is deleting its row: sign-out ends this browser's, "sign out everywhere" and a
// password change end all of the user's others, at once and on every instance.

/** How long a sign-in lasts at most, whatever the cookie says. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export type SessionUserRow = { id: string; name: string; email: string; avatarUrl: string | null; sessionId: string };

/** A new session row for a sign-in; the user's expired rows are swept at the same time. */
export async function startSession(db: DbOrTx, userId: string, now = new Date()): Promise<string> {
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, now)));
  const [row] = await db
    .insert(userSessions)
    .values({ userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
    .returning({ id: userSessions.id });
  return row.id;
}

/** The user behind a session cookie's claims, or null when the session was ended or expired. */
export async function findSessionUser(
  db: DbOrTx,
  claims: { userId: string; sessionId: string },
  now = new Date(),
): Promise<SessionUserRow | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, sessionId: userSessions.id })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, claims.sessionId), eq(userSessions.userId, claims.userId), gt(userSessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Ends one session (sign-out). */
export async function endSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/**
 * Ends every session of the user, or every one but `except` (the browser that asked).
 * Their cookies stop working on their next request. Returns how many were ended.
 */
export async function revokeUserSessions(db: DbOrTx, userId: string, options: { except?: string | null } = {}): Promise<number> {
  const where = options.except
    ? and(eq(userSessions.userId, userId), ne(userSessions.id, options.except))
    : eq(userSessions.userId, userId);
  const ended = await db.delete(userSessions).where(where).returning({ id: userSessions.id });
  return ended.length;
}
