import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messageShortcuts } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, isUniqueViolation, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import { duplicateShortcut } from './create';
import type { UpdateShortcutInput } from './input';

export async function updateShortcut(db: Db, ctx: ActorContext, input: UpdateShortcutInput) {
  assertAdmin(ctx);
  let row: typeof messageShortcuts.$inferSelect;
  try {
    row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(messageShortcuts)
        .set({ shortcut: input.shortcut, text: input.text, updatedAt: new Date() })
        .where(and(eq(messageShortcuts.id, input.id), eq(messageShortcuts.workspaceId, ctx.workspaceId)))
        .returning();
      if (!updated) throw notFound('shortcut');
      await writeAudit(tx, ctx, 'shortcut.updated', { type: 'message_shortcut', id: updated.id }, { shortcut: updated.shortcut });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateShortcut(input.shortcut);
    throw error;
  }
  await publishInboxConfigChanged(ctx.workspaceId, 'shortcuts');
  return { id: row.id, shortcut: row.shortcut, text: row.text };
}
