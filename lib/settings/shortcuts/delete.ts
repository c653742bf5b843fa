import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { messageShortcuts } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { deleteShortcutInput } from './input';

export async function deleteShortcut(db: Db, ctx: ActorContext, input: z.infer<typeof deleteShortcutInput>) {
  assertAdmin(ctx);
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(messageShortcuts)
      .where(and(eq(messageShortcuts.id, input.id), eq(messageShortcuts.workspaceId, ctx.workspaceId)))
      .returning({ id: messageShortcuts.id, shortcut: messageShortcuts.shortcut });
    if (!row) throw notFound('shortcut');
    await writeAudit(tx, ctx, 'shortcut.deleted', { type: 'message_shortcut', id: row.id }, { shortcut: row.shortcut });
    return row;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'shortcuts');
  return deleted;
}
