import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { readHandOffMessage, type HandOffMessageInput, type HandOffMessageSettings } from './settings';

/** Settings → General: the hand-off message as the next hand-off will use it. */
export async function getHandOffMessage(db: DbOrTx, ctx: ActorContext): Promise<HandOffMessageSettings> {
  const [row] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
  return readHandOffMessage(row?.settings ?? {});
}

/**
 * Admins set the hand-off message. Only its own key of the workspace's settings JSON is
 * replaced (a merge in the database), so other settings saved at the same time are kept.
 */
export async function updateHandOffMessage(db: Db, ctx: ActorContext, input: HandOffMessageInput): Promise<HandOffMessageSettings> {
  const value: HandOffMessageSettings = { enabled: input.enabled, text: input.text, includeWait: input.includeWait };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).for('update');
    await tx
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || jsonb_build_object('handOffMessage', ${JSON.stringify(value)}::jsonb)` })
      .where(eq(workspaces.id, ctx.workspaceId));
    await writeAudit(tx, ctx, 'workspace.hand_off_message_updated', { type: 'workspace', id: ctx.workspaceId }, { before: readHandOffMessage(before?.settings ?? {}), after: value });
    return value;
  });
}
