import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { lockConversation } from '@/lib/conversations/lock';
import { formBoolean } from '@/lib/forms/fields';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { findByClientKey, sendAgentMessage } from './send-agent-message';

export const sendReplyInput = z.object({
  conversationId: z.uuid(),
  text: z.string().trim().min(1, 'Write a message first').max(4000, 'Keep messages under 4,000 characters'),
  note: formBoolean,
  /** The composer's key for this text: sending it again after a lost answer stores nothing new. */
  clientKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientKey must be 8–64 letters, digits, "-" or "_"')
    .optional(),
});

export type SendReplyInput = z.infer<typeof sendReplyInput>;

/**
 * An agent's reply or internal note. Replying to a request or a bot conversation claims it
 * for the agent inside the same locked transaction, so when two agents answer at once the
 * first wins and the second is told who has it (their text stays in their composer).
 * A note is internal: it is never queued for the outbox, so it never reaches the customer.
 */
export async function sendReply(db: Db, ctx: ActorContext, input: SendReplyInput) {
  if (input.note) return addNote(db, ctx, input.conversationId, input.text, input.clientKey);
  return sendAgentMessage(db, ctx, input.conversationId, () => ({ content: { kind: 'text', text: input.text } }), { clientKey: input.clientKey });
}

async function addNote(db: Db, ctx: ActorContext, conversationId: string, text: string, clientKey?: string) {
  const realtime: RealtimeEvent[] = [];
  const messageId = await db.transaction(async (tx) => {
    const c = await lockConversation(tx, ctx.workspaceId, conversationId);
    const stored = clientKey ? await findByClientKey(tx, c.id, clientKey) : null;
    if (stored) return stored.id;
    const [note] = await tx
      .insert(messages)
      .values({
        workspaceId: c.workspaceId,
        conversationId: c.id,
        channelId: c.channelId,
        direction: 'internal',
        senderKind: 'agent',
        senderUserId: ctx.actor.id,
        kind: 'note',
        body: text,
        status: 'sent',
        clientKey: clientKey ?? null,
      })
      .returning();
    const [updated] = await tx
      .update(conversations)
      .set({ version: sql`${conversations.version} + 1`, updatedAt: new Date() })
      .where(eq(conversations.id, c.id))
      .returning();
    realtime.push(messageCreated(note, updated.version), conversationChanged(updated));
    return note.id;
  });
  await publish(realtime);
  return { messageId, claimed: false };
}
