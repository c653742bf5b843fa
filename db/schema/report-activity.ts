import { bigserial, index, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';

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
