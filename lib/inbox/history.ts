import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, users } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import type { ActorContext } from '@/lib/auth/action-core';
import { getAdapter } from '@/channels';
import type { ReplyWindow } from '@/channels/types';

export type HistoryMessage = {
  id: string;
  direction: 'inbound' | 'outbound' | 'internal';
  senderKind: 'customer' | 'agent' | 'bot' | 'system';
  senderName: string | null;
  kind: string;
  body: string | null;
  attachments: Attachment[];
  payload: Record<string, unknown> | null;
  status: string;
  error: string | null;
  createdAt: string;
};

export type ConversationView = {
  id: string;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  version: number;
  contact: { id: string; name: string; email: string | null; phone: string | null; avatarUrl: string | null; customData: Record<string, string> };
  channel: { id: string; kind: 'facebook' | 'whatsapp' | 'line' | 'web'; name: string };
  assignee: { id: string; name: string } | null;
  /** What the composer may do now, from the channel's reply window. */
  replyWindow: { state: ReplyWindow['state']; reason?: string };
  messages: HistoryMessage[];
};

/** A conversation of the actor's workspace with its latest messages, oldest first. */
export async function getConversationView(
  db: DbOrTx,
  ctx: ActorContext,
  conversationId: string,
  limit = 50,
): Promise<ConversationView | null> {
  const [conv] = await db
    .select({ conversation: conversations, contact: contacts, channel: channels, assigneeName: users.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conv) return null;

  const rows = await db
    .select({ message: messages, senderName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.conversationId, conversationId), eq(messages.workspaceId, ctx.workspaceId)))
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(limit);

  const { conversation: c, contact, channel } = conv;
  return {
    id: c.id,
    status: c.status,
    handler: c.handler,
    version: c.version,
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      avatarUrl: contact.avatarUrl,
      customData: contact.customData,
    },
    channel: { id: channel.id, kind: channel.kind, name: channel.name },
    assignee: c.assigneeId && conv.assigneeName ? { id: c.assigneeId, name: conv.assigneeName } : null,
    replyWindow: composerWindow(getAdapter(channel.kind).replyWindow(c.lastCustomerMessageAt, new Date())),
    messages: rows.reverse().map(({ message: m, senderName }) => ({
      id: m.id,
      direction: m.direction,
      senderKind: m.senderKind,
      senderName,
      kind: m.kind,
      body: m.body,
      attachments: m.attachments,
      payload: m.payload,
      status: m.status,
      error: m.error,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

function composerWindow(window: ReplyWindow): ConversationView['replyWindow'] {
  return window.state === 'open' ? { state: 'open' } : { state: window.state, reason: window.reason };
}
