import { and, count, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, users, workspaces } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import type { ActorContext } from '@/lib/auth/action-core';
import { getAdapter } from '@/channels';
import type { ChannelKind, OutboundMessage, ReplyWindow } from '@/channels/types';
import { UserError } from '@/lib/errors';
import { optinComposerNotice } from '@/lib/messenger-optins/composer-notice';
import { messageContent, messageExtras, type MessageContent, type MessageExtras } from './history-content';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';

export type HistoryMessage = {
  id: string;
  conversationId: string;
  /** Insertion order: with createdAt, the history's sort key. */
  seq: number;
  direction: 'inbound' | 'outbound' | 'internal';
  senderKind: 'customer' | 'agent' | 'bot' | 'system';
  senderUserId: string | null;
  senderName: string | null;
  kind: string;
  body: string | null;
  attachments: Attachment[];
  /** What to render, by kind (see history-content.ts). */
  content: MessageContent;
  /** Instagram: the story or post it is about, the customer's reaction, unsent. */
  extras?: MessageExtras;
  status: string;
  error: string | null;
  createdAt: string;
};

/** A conversation the history shows messages of (the open one, or an earlier one of the customer). */
export type HistoryConversation = {
  id: string;
  channelKind: ChannelKind;
  channelName: string;
  status: 'open' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
};

export type ConversationView = {
  id: string;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  version: number;
  contact: { id: string; name: string; email: string | null; phone: string | null; avatarUrl: string | null; customData: Record<string, string> };
  channel: { id: string; kind: ChannelKind; name: string };
  assignee: { id: string; name: string } | null;
  followUp: boolean;
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  /** The nearest SLA target, as on the list row. */
  sla: { dueAt: string; kind: 'first_response' | 'next_response' | 'resolution' | null; startedAt: string | null } | null;
  /** The flow state kept on takeover: resume continues from it. */
  flow: { running: boolean; paused: boolean } | null;
  workspace: { name: string; timezone: string };
  /** What the composer may do now, from the channel's reply window. */
  replyWindow: { state: ReplyWindow['state']; reason?: string; notification?: { usable: boolean; text: string } };
  /** What the channel can carry (composer attachments) and its longest text. */
  /** `audio`: whether the channel takes audio messages (recorded or attached). */
  rules: { outboundKinds: OutboundMessage['kind'][]; maxTextLength: number; audio: boolean };
  /** The latest messages, oldest first. */
  messages: HistoryMessage[];
  /** Pass to getHistoryPage for the page before `messages`; null when they start the conversation. */
  olderCursor: string | null;
  /** The customer's earlier, resolved conversations ("Load previous conversations"). */
  previousConversations: number;
};

export const HISTORY_PAGE_SIZE = 50;

type MessageRow = typeof messages.$inferSelect;

/** The website chat's proactive message names the action rule that showed it. */
function ruleOf(m: MessageRow): string | null {
  const rule = m.senderKind === 'bot' ? (m.payload as { actionRule?: { name?: unknown } } | null)?.actionRule : undefined;
  return typeof rule?.name === 'string' ? `action rule “${rule.name}”` : null;
}

function withExtras(payload: Record<string, unknown> | null): { extras?: MessageExtras } {
  const extras = messageExtras(payload);
  return extras ? { extras } : {};
}

function toHistoryMessage(m: MessageRow, senderName: string | null): HistoryMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    direction: m.direction,
    senderKind: m.senderKind,
    senderUserId: m.senderUserId,
    senderName: senderName ?? ruleOf(m),
    kind: m.kind,
    body: m.body,
    attachments: m.attachments,
    content: messageContent(m),
    ...withExtras(m.payload),
    status: m.status,
    error: m.error,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Newest first, keyset on (created_at, seq): one extra row tells whether more exist. */
async function readPage(db: DbOrTx, ctx: ActorContext, scope: SQL, before: string | null | undefined, limit: number) {
  const cursor = before ? decodeHistoryCursor(before) : null;
  if (before && !cursor) throw new UserError('invalid', 'This page of the history does not exist.');
  const rows = await db
    .select({ message: messages, senderName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        scope,
        cursor ? sql`(${messages.createdAt}, ${messages.seq}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.seq}::bigint)` : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = (more ? rows.slice(0, limit) : rows).reverse();
  const list = page.map(({ message, senderName }) => toHistoryMessage(message, senderName));
  return { messages: list, olderCursor: more && list.length > 0 ? encodeHistoryCursor(page[0].message) : null };
}

/** The customer's earlier conversations: same contact, resolved, started before this one. */
function previousConversationsOf(ctx: ActorContext, c: { id: string; contactId: string; createdAt: Date }) {
  return and(
    eq(conversations.workspaceId, ctx.workspaceId),
    eq(conversations.contactId, c.contactId),
    ne(conversations.id, c.id),
    eq(conversations.status, 'resolved'),
    lt(conversations.createdAt, c.createdAt),
  );
}

/** A conversation of the actor's workspace with its latest messages, oldest first. */
export async function getConversationView(
  db: DbOrTx,
  ctx: ActorContext,
  conversationId: string,
  limit = HISTORY_PAGE_SIZE,
): Promise<ConversationView | null> {
  const [conv] = await db
    .select({ conversation: conversations, contact: contacts, channel: channels, assigneeName: users.name, workspaceName: workspaces.name, workspaceTimezone: workspaces.timezone })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conv) return null;

  const { conversation: c, contact, channel } = conv;
  const [page, [previous]] = await Promise.all([
    readPage(db, ctx, eq(messages.conversationId, c.id), null, limit),
    db.select({ n: count() }).from(conversations).where(previousConversationsOf(ctx, c)),
  ]);
  const adapter = getAdapter(channel.kind);
  const window = adapter.replyWindow(c.lastCustomerMessageAt, new Date());
  const notification =
    channel.kind === 'facebook' && window.state === 'closed'
      ? await optinComposerNotice(db, { workspaceId: ctx.workspaceId, channelId: channel.id, contactId: contact.id }, conv.workspaceTimezone)
      : undefined;
  return {
    id: c.id,
    status: c.status,
    handler: c.handler,
    version: c.version,
    followUp: c.followUp,
    priority: c.priority,
    sla: c.slaDueAt ? { dueAt: c.slaDueAt.toISOString(), kind: c.slaDueKind, startedAt: c.slaDueStartedAt?.toISOString() ?? null } : null,
    flow: c.botState ? { running: !c.botState.paused, paused: c.botState.paused } : null,
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
    workspace: { name: conv.workspaceName, timezone: conv.workspaceTimezone },
    replyWindow: { ...composerWindow(window), ...(notification ? { notification } : {}) },
    rules: { outboundKinds: [...adapter.rules.outboundKinds], maxTextLength: adapter.rules.maxTextLength, audio: Boolean(adapter.rules.audio) },
    messages: page.messages,
    olderCursor: page.olderCursor,
    previousConversations: Number(previous?.n ?? 0),
  };
}

function composerWindow(window: ReplyWindow): ConversationView['replyWindow'] {
  return window.state === 'open' ? { state: 'open' } : { state: window.state, reason: window.reason };
}

export const historyPageInput = z.object({
  conversationId: z.uuid(),
  /** `current`: this conversation; `previous`: the customer's earlier, resolved conversations. */
  scope: z.enum(['current', 'previous']).default('current'),
  before: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export type HistoryPage = {
  messages: HistoryMessage[];
  olderCursor: string | null;
  /** The conversations the page's messages belong to (for dividers between conversations). */
  conversations: HistoryConversation[];
};

/**
 * One page of history older than `before` (none: the newest page), oldest first. Pages
 * never overlap or skip: the keyset is (created_at, seq), unique and stable per message.
 */
export async function getHistoryPage(db: DbOrTx, ctx: ActorContext, input: z.input<typeof historyPageInput>): Promise<HistoryPage> {
  const [c] = await db
    .select({ id: conversations.id, contactId: conversations.contactId, createdAt: conversations.createdAt })
    .from(conversations)
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!c) throw new UserError('not_found', 'This conversation does not exist.');

  const scope =
    input.scope === 'previous'
      ? inArray(messages.conversationId, db.select({ id: conversations.id }).from(conversations).where(previousConversationsOf(ctx, c)))
      : eq(messages.conversationId, c.id);
  const page = await readPage(db, ctx, scope, input.before, input.limit ?? HISTORY_PAGE_SIZE);

  const ids = [...new Set(page.messages.map((m) => m.conversationId))];
  const convs =
    ids.length === 0
      ? []
      : await db
          .select({ conversation: conversations, channelKind: channels.kind, channelName: channels.name })
          .from(conversations)
          .innerJoin(channels, eq(channels.id, conversations.channelId))
          .where(and(eq(conversations.workspaceId, ctx.workspaceId), inArray(conversations.id, ids)));
  return {
    ...page,
    conversations: convs.map(({ conversation: x, channelKind, channelName }) => ({
      id: x.id,
      channelKind,
      channelName,
      status: x.status,
      createdAt: x.createdAt.toISOString(),
      resolvedAt: x.resolvedAt?.toISOString() ?? null,
    })),
  };
}

/** Specific messages of a conversation, in full (a realtime event carries a summary only). */
export async function getHistoryMessages(db: DbOrTx, ctx: ActorContext, conversationId: string, ids: string[]): Promise<HistoryMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ message: messages, senderName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.conversationId, conversationId), inArray(messages.id, ids)))
    .orderBy(messages.createdAt, messages.seq);
  return rows.map(({ message, senderName }) => toHistoryMessage(message, senderName));
}
