import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { presenceSessions } from '@/db/schema';

// The history behind "online time" in Reports: each stretch a member was marked online.
// Written beside every change of `memberships.availability`, in the same transaction.

/** Opens a session unless one is open already (marking online twice keeps the first start). */
export async function openPresenceSession(tx: DbOrTx, workspaceId: string, userId: string, at = new Date()): Promise<void> {
  await tx.insert(presenceSessions).values({ workspaceId, userId, startedAt: at }).onConflictDoNothing();
}

/** Closes the open session, if any. */
export async function closePresenceSession(tx: DbOrTx, workspaceId: string, userId: string, at = new Date()): Promise<void> {
  await tx
    .update(presenceSessions)
    .set({ endedAt: at })
    .where(and(eq(presenceSessions.workspaceId, workspaceId), eq(presenceSessions.userId, userId), isNull(presenceSessions.endedAt)));
}
