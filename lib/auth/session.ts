import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { auth } from './auth';
import { findSessionUser } from './sessions';

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  avatarUrl?: string | null;
  /** The server-side session this request's cookie names (see lib/auth/sessions.ts). */
  sessionId?: string;
};

/**
 * The signed-in user as the database knows them now: a renamed agent shows their new
 * name at once, and a deleted account or an ended session (sign-out, "sign out
 * everywhere", password change) has no session. One query per request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = (session as { sessionId?: unknown } | null)?.sessionId;
  if (!userId || typeof sessionId !== 'string') return null;
  return findSessionUser(getDb(), { userId, sessionId });
});

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/signin');
  return user;
}
