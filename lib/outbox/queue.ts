import { and, eq, sql } from 'drizzle-orm';
import type { OutboundMessage } from '@/channels/types';
import type { Db, Tx } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import { messagePreview } from '@/lib/inbox/preview';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { runSoon } from '@/lib/jobs/run-soon';
import { outboundToMessage } from './content';
import { deliverMessage } from './deliver';
import { trackAgentReply } from '@/lib/sla/track';

export type OutboundSender = { kind: 'agent'; userId: string } | { kind: 'bot' };

type MessageRow = typeof messages.$inferSelect;

/**
 * Stores an agent or bot message as `queued` in the caller's transaction and moves the
 * conversation's preview. Sending happens after commit (deliverSoon), never inside it.
 */
export async function queueOutbound(
  tx: Tx,
  input: {
    workspaceId: string;
    conversationId: string;
    /** The conversation's row as the caller holds it in this transaction (locked): then it is not read again. */
    held?: Pick<typeof conversations.$inferSelect, 'id' | 'channelId' | 'slaRuleId'>;
    sender: OutboundSender;
    content: OutboundMessage;
    clientKey?: string;
  },
): Promise<{ message: MessageRow; realtime: RealtimeEvent[] }> {
  // Its channel for the message, its SLA rule for the reply an agent's message meets; the update below checks the workspace either way.
  const [conversation] = input.held
    ? [input.held]
    : await tx
        .select({ id: conversations.id, channelId: conversations.channelId, slaRuleId: conversations.slaRuleId })
        .from(conversations)
        .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, input.workspaceId)))
        .limit(1);
  if (!conversation) throw new Error('Conversation not found in this workspace');

  const fields = outboundToMessage(input.content);
  const now = new Date();
  const [message] = await tx
    .insert(messages)
    .values({
      workspaceId: input.workspaceId,
      conversationId: input.conversationId,
      channelId: conversation.channelId,
      direction: 'outbound',
      senderKind: input.sender.kind,
      senderUserId: input.sender.kind === 'agent' ? input.sender.userId : null,
      ...fields,
      clientKey: input.clientKey ?? null,
      status: 'queued',
      createdAt: now,
    })
    .returning();
  // An agent's reply meets the reply an SLA target owes (the bot's does not).
  const sla = input.sender.kind === 'agent' ? await trackAgentReply(tx, conversation, now) : null;
  const [updated] = await tx
    .update(conversations)
    .set({
      ...sla,
      lastMessageAt: now,
      lastMessagePreview: messagePreview(fields.kind, fields.body),
      lastMessageKind: fields.kind,
      ...(input.sender.kind === 'agent'
        ? {
            lastAgentMessageAt: now,
            // Reports: the first reply and its author, kept once.
            firstReplyAt: sql`coalesce(${conversations.firstReplyAt}, ${now.toISOString()}::timestamptz)`,
            firstReplyById: sql`case when ${conversations.firstReplyAt} is null then ${input.sender.userId}::uuid else ${conversations.firstReplyById} end`,
          }
        : {}),
      version: sql`${conversations.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, input.workspaceId)))
    .returning();
  if (!updated) throw new Error('Conversation not found in this workspace');
  return { message, realtime: [messageCreated(message, updated.version), conversationChanged(updated)] };
}

/** After commit: tell every screen, then send without holding up the caller. */
export async function afterQueued(db: Db, queued: { message: MessageRow; realtime: RealtimeEvent[] }): Promise<void> {
  await publish(queued.realtime);
  runSoon('outbox', () => deliverMessage(db, queued.message.id));
}
