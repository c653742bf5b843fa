import { bigserial, date, index, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';
import { users } from './users';

// When customers write and when conversations open, counted per channel and quarter hour so
// the conversations report reads a few thousand rows instead of every message of the range.
// Quarter hours because every time zone's offset is a multiple of 15 minutes: a bucket falls
// in exactly one local hour, whatever the shop's zone.
//
// PostgreSQL keeps the counts itself (statement triggers in the migration), so no writer can
// forget them: each insert of messages or conversations appends its counts to the pending
// table (append only, so concurrent inserts never wait on one counter row), and a minutely
// job folds the pending rows into the rollup in one statement. A report adds both.

const counts = () => ({
  customerMessages: integer('customer_messages').notNull().default(0),
  opened: integer('opened').notNull().default(0),
  /** Opened by a customer who had an earlier conversation on the same channel. */
  reopened: integer('reopened').notNull().default(0),
});

export const reportActivity = pgTable(
  'report_activity',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true, precision: 3 }).notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.bucket, t.channelId] })],
);

export const reportActivityPending = pgTable(
  'report_activity_pending',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true, precision: 3 }).notNull(),
    ...counts(),
  },
  (t) => [index('report_activity_pending_workspace_idx').on(t.workspaceId, t.bucket)],
);

/**
 * Each agent's replies per conversation and UTC day, so the agents report counts the
 * conversations an agent handled (distinct) over whole days from a few rows per agent and
 * day, reading messages only for the partial days at the range's ends. Kept by triggers on
 * `messages` like the activity above; a row is only ever touched by replies of one agent in
 * one conversation, so updating it in place makes no one wait.
 */
export const reportAgentReplies = pgTable(
  'report_agent_replies',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    conversationId: uuid('conversation_id').notNull(),
    replies: integer('replies').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.userId, t.conversationId] })],
);
