import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getAdapter } from '@/channels';
import type { Db } from '@/db/client';
import { channels, conversations, messages, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { afterQueued, queueOutbound } from '@/lib/outbox/queue';
import { decideSendMode } from '@/lib/outbox/window';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { messagePreview } from './preview';

export const sendReplyInput = z.object({
  conversationId: z.uuid(),
  text: z.string().trim().min(1, 'Write a message first').max(4000, 'Keep messages under 4,000 characters'),
  note: z
    .union([z.boolean(), z.enum(['true', 'false', 'on'])])
    .optional()
    .transform((v) => v === true || v === 'true' || v === 'on'),
});

export type SendReplyInput = z.infer<typeof sendReplyInput>;

async function statusLine(tx: Parameters<Parameters<Db['transaction']>[0]>[0], c: typeof conversations.$inferSelect, body: string) {
  const [row] = await tx
    .insert(messages)
    .values({ workspaceId: c.workspaceId, conversationId: c.id, channelId: c.channelId, direction: 'internal', senderKind: 'system', kind: 'status', body, status: 'sent' })
    .returning();
  return row;
}

/**
 * An agent's reply or internal note. Replying to a request or a bot conversation claims it
 * for the agent inside the same locked transaction, so when two agents answer at once the
 * first wins and the second is told who has it (their text stays in their composer).
 */
export async function sendReply(db: Db, ctx: ActorContext, input: SendReplyInput) {
  const realtime: RealtimeEvent[] = [];
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ conversation: conversations, channelKind: channels.kind })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
      .for('update', { of: conversations })
      .limit(1);
    if (!row) throw new UserError('not_found', 'This conversation does not exist.');
    const c = row.conversation;

    if (input.note) {
      const [note] = await tx
        .insert(messages)
        .values({ workspaceId: c.workspaceId, conversationId: c.id, channelId: c.channelId, direction: 'internal', senderKind: 'agent', senderUserId: ctx.actor.id, kind: 'note', body: input.text, status: 'sent' })
        .returning();
      const [updated] = await tx
        .update(conversations)
        .set({ version: sql`${conversations.version} + 1`, updatedAt: new Date() })
        .where(eq(conversations.id, c.id))
        .returning();
      realtime.push(messageCreated(note, updated.version), conversationChanged(updated));
      return { messageId: note.id, claimed: false, queued: null };
    }

    if (c.status === 'resolved') throw new UserError('conflict', 'This conversation is resolved. The customer’s next message reopens it.');
    if (c.handler === 'agent' && c.assigneeId && c.assigneeId !== ctx.actor.id) {
      // Read after the lock: the winner of a race is only known once we hold the row.
      const [assignee] = await tx.select({ name: users.name }).from(users).where(eq(users.id, c.assigneeId));
      throw new UserError('conflict', `${assignee?.name ?? 'Another agent'} already took this conversation.`);
    }

    const mode = decideSendMode(getAdapter(row.channelKind), {
      lastCustomerMessageAt: c.lastCustomerMessageAt,
      now: new Date(),
      senderKind: 'agent',
      contentKind: 'text',
    });
    if (!mode.ok) throw new UserError('conflict', mode.reason);

    let claimed = false;
    if (c.handler !== 'agent') {
      const line = c.handler === 'bot' ? `${ctx.actor.name} took over from the bot` : `${ctx.actor.name} replied and took the conversation`;
      const status = await statusLine(tx, c, line);
      await tx
        .update(conversations)
        .set({
          handler: 'agent',
          assigneeId: ctx.actor.id,
          assignedAt: new Date(),
          botState: c.botState ? { ...c.botState, paused: true } : null,
        })
        .where(eq(conversations.id, c.id));
      await writeAudit(tx, ctx, 'conversation.claimed_by_reply', { type: 'conversation', id: c.id }, { from: c.handler });
      realtime.push(messageCreated(status, c.version + 1));
      claimed = true;
    }
    const queued = await queueOutbound(tx, {
      workspaceId: ctx.workspaceId,
      conversationId: c.id,
      sender: { kind: 'agent', userId: ctx.actor.id },
      content: { kind: 'text', text: input.text },
    });
    return { messageId: queued.message.id, claimed, queued };
  });

  await publish(realtime);
  if (result.queued) await afterQueued(db, result.queued);
  return { messageId: result.messageId, claimed: result.claimed };
}

