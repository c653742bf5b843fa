import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { contacts } from './contacts';
import { channels } from './channels';
import { users } from './users';
import { teams } from './teams';

export const conversationStatuses = ['open', 'resolved'] as const;
export const conversationHandlers = ['bot', 'queue', 'agent'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export type ConversationHandler = (typeof conversationHandlers)[number];

export const conversationPriorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof conversationPriorities)[number];

export const slaTargetKinds = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetKind = (typeof slaTargetKinds)[number];

/** A running (or paused) bot flow; kept on takeover so "resume" continues where it stopped. */
export type BotState = {
  flowId: string;
  flowVersion: number;
  stepId: string;
  variables: Record<string, unknown>;
  paused: boolean;
};

/** Per-channel conversation state the outbox needs (LINE reply token, last inbound id). */
export type ChannelState = {
  lineReplyToken?: string;
  lineReplyTokenAt?: string;
  lastInboundExternalId?: string;
};

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    status: text('status', { enum: conversationStatuses }).notNull().default('open'),
    handler: text('handler', { enum: conversationHandlers }).notNull().default('bot'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    botState: jsonb('bot_state').$type<BotState | null>(),
    followUp: boolean('follow_up').notNull().default(false),
    channelState: jsonb('channel_state').$type<ChannelState>().notNull().default({}),
    // Grows with every change; realtime payloads carry it so clients drop stale ones.
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    lastMessageKind: text('last_message_kind'),
    lastCustomerMessageAt: timestamp('last_customer_message_at', { withTimezone: true, precision: 3 }),
    lastAgentMessageAt: timestamp('last_agent_message_at', { withTimezone: true, precision: 3 }),
    priority: text('priority', { enum: conversationPriorities }).notNull().default('none'),
    // SLA (lib/sla): the rule that applies, and the nearest pending target (what is due
    // when, counted from when), kept here for the list's badge and sort.
    slaRuleId: uuid('sla_rule_id'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, precision: 3 }),
    slaDueKind: text('sla_due_kind', { enum: slaTargetKinds }),
    slaDueStartedAt: timestamp('sla_due_started_at', { withTimezone: true, precision: 3 }),
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
    // Reports (lib/reports): who had the conversation first, when it first reached a
    // person (opened to Requests, the bot's hand-off, a take-over) and the first agent
    // reply and its author, kept here so response times need no scan of the messages.
    openedHandler: text('opened_handler', { enum: conversationHandlers }),
    reachedPeopleAt: timestamp('reached_people_at', { withTimezone: true, precision: 3 }),
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true, precision: 3 }),
    firstReplyById: uuid('first_reply_by_id').references(() => users.id, { onDelete: 'set null' }),
    resolvedById: uuid('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // One open conversation per contact and channel, enforced by the database.
    uniqueIndex('conversations_one_open_key')
      .on(t.contactId, t.channelId)
      .where(sql`${t.status} = 'open'`),
    // Inbox tabs: Requests / Bot / All by handler, newest first, with keyset pagination.
    // Exactly the list's order (`order by last_message_at desc, id desc`, whose nulls come
    // first), so a page is read straight off the index instead of sorting every match.
    index('conversations_inbox_handler_idx').on(
      t.workspaceId,
      t.status,
      t.handler,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Active tab and "assigned to an agent" filter.
    index('conversations_inbox_assignee_idx').on(
      t.workspaceId,
      t.status,
      t.assigneeId,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // All and Resolved tabs: by status only.
    index('conversations_inbox_status_idx').on(t.workspaceId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('conversations_inbox_recent_idx').on(t.workspaceId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('conversations_sla_idx')
      .on(t.workspaceId, t.slaDueAt)
      .where(sql`${t.status} = 'open' and ${t.slaDueAt} is not null`),
    index('conversations_contact_idx').on(t.contactId),
    // Reports: conversations opened, and resolved, in a date range.
    index('conversations_reports_created_idx').on(t.workspaceId, t.createdAt),
    index('conversations_reports_resolved_idx').on(t.workspaceId, t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
  ],
);

/** How far each member has read a conversation: unread counts are derived from it. */
export const readCursors = pgTable(
  'read_cursors',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadAt: timestamp('last_read_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);
