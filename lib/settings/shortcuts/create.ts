import type { Db } from '@/db/client';
import { messageShortcuts } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { assertAdmin, isUniqueViolation } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { CreateShortcutInput } from './input';

export function duplicateShortcut(shortcut: string): UserError {
  const message = `There is already a shortcut /${shortcut}. Choose another name or edit that one.`;
  return new UserError('conflict', message, { shortcut: [message] });
}

/** Admins add a `/name` message shortcut; names are unique per workspace, case-insensitively. */
export async function createShortcut(db: Db, ctx: ActorContext, input: CreateShortcutInput) {
  assertAdmin(ctx);
  let row: typeof messageShortcuts.$inferSelect;
  try {
    row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(messageShortcuts)
        .values({ workspaceId: ctx.workspaceId, shortcut: input.shortcut, text: input.text })
        .returning();
      await writeAudit(tx, ctx, 'shortcut.created', { type: 'message_shortcut', id: created.id }, { shortcut: created.shortcut });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateShortcut(input.shortcut);
    throw error;
  }
  await publishInboxConfigChanged(ctx.workspaceId, 'shortcuts');
  return { id: row.id, shortcut: row.shortcut, text: row.text };
}
