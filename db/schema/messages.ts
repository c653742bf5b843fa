import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { conversations } from './conversations';
import { channels } from './channels';
import { users } from './users';

export const messageDirections = ['inbound', 'outbound', 'internal'] as const;
export const senderKinds = ['customer', 'agent', 'bot', 'system'] as const;
export const messageKinds = [
  'text',
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'location',
  'contact',
  'template',
  'product',
  'article',
  'note',
  'status',
  'unsupported',
] as const;
export const deliveryStatuses = ['received', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;

export type MessageKind = (typeof messageKinds)[number];
export type SenderKind = (typeof senderKinds)[number];
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export type Attachment = {
  kind: 'image' | 'video' | 'audio' | 'file' | 'sticker';
  /** A Baton file (`/api/files/{id}`); empty while the attachment is unavailable. */
  url: string;
  name?: string;
  mimeType?: string;
  size?: number;
  /** Audio: its length, measured when it was stored (inbound) or prepared for sending (an agent's). */
  durationMs?: number;
  /**
   * Inbound media that could not be brought into the file store (refused address, too
   * large, platform error): why, in words an agent can read. Cleared by a successful retry.
   */
  unavailable?: string;
  /** Where inbound media came from, kept so a retry can download it again. Never rendered. */
  source?: { url?: string; mediaId?: string };
};

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Insertion order: breaks ties between messages with the same timestamp (WhatsApp's
    // are whole seconds), so a history always reads in the order messages arrived.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: messageDirections }).notNull(),
    senderKind: text('sender_kind', { enum: senderKinds }).notNull(),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: messageKinds }).notNull().default('text'),
    body: text('body'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    // Kind-specific content: location, contact card, product card, template, raw unsupported payload.
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    replyToId: uuid('reply_to_id'),
    // The platform's message id (mid, wamid, LINE id); a repeated delivery hits the unique key.
    externalId: text('external_id'),
    status: text('status', { enum: deliveryStatuses }).notNull().default('received'),
    // The key the agent's composer gave this message: a send repeated after its answer was
    // lost (a dropped connection, a restarted server) finds the message stored instead of
    // storing and sending it twice.
    clientKey: text('client_key'),
    // A customer's message the bot still has to answer: set when it is stored, cleared in the
    // bot's transaction, so a retried delivery whose message is stored answers it exactly once.
    awaitingBot: boolean('awaiting_bot').notNull().default(false),
    // A customer's message whose notifications and routing are still to run: set when it is
    // stored (or by the bot's hand-off), cleared in the transaction that routes and writes the
    // notifications, so a retried delivery runs them exactly once. Null: nothing follows.
    // 'new_request': the message made its conversation a new request (routing rules, "needs help").
    followUp: text('follow_up', { enum: ['pending', 'new_request'] }),
    error: text('error'),
    // Outbound delivery attempts; transient failures are retried with backoff.
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('messages_channel_external_key').on(t.channelId, t.externalId),
    uniqueIndex('messages_conversation_client_key')
      .on(t.conversationId, t.clientKey)
      .where(sql`${t.clientKey} is not null`),
    index('messages_conversation_idx').on(t.conversationId, t.createdAt.desc(), t.seq.desc()),
    // The outbox sweep finds queued or stuck sends without scanning all messages.
    index('messages_outbox_idx')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending')`),
    // Reports: when customers write (heat map), agents' replies, status lines (hand-offs)
    // and shared products in a date range, each a small partial index read on its own.
    index('messages_reports_inbound_idx')
      .on(t.workspaceId, t.createdAt, t.conversationId)
      .where(sql`${t.direction} = 'inbound'`),
    index('messages_reports_agent_idx')
      .on(t.workspaceId, t.createdAt, t.senderUserId, t.conversationId)
      .where(sql`${t.senderKind} = 'agent' and ${t.direction} = 'outbound'`),
    index('messages_reports_kind_idx')
      .on(t.workspaceId, t.kind, t.createdAt)
      .where(sql`${t.kind} in ('status', 'product')`),
  ],
);
