import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { conversationChanged } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';

export const followUpInput = z.object({
  conversationId: z.uuid(),
  followUp: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

/** The star: any member may follow or unfollow a conversation of the workspace. */
export async function setFollowUp(db: Db, ctx: ActorContext, input: z.infer<typeof followUpInput>) {
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ followUp: input.followUp, version: sql`${conversations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
      .returning();
    if (!row) throw new UserError('not_found', 'This conversation does not exist.');
    await writeAudit(tx, ctx, input.followUp ? 'conversation.followed' : 'conversation.unfollowed', { type: 'conversation', id: row.id });
    return row;
  });
  await publish([conversationChanged(updated)]);
  return { conversationId: updated.id, followUp: updated.followUp, version: updated.version };
}
