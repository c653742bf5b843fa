import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';
import { conversations } from './conversations';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const cobrowseStatuses = ['requested', 'active', 'declined', 'ended'] as const;
export type CobrowseStatus = (typeof cobrowseStatuses)[number];

/**
 * An agent's request to see a website visitor's page, and what became of it: asked,
 * accepted (live), declined or ended (by whom). At most one is requested or active per
 * conversation. The page's latest full snapshot (rrweb, gzipped JSON) is kept here while it
 * lasts, for the agent's mirror to start from; it is dropped when the session ends.
 */
export const cobrowseSessions = pgTable(
  'cobrowse_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: cobrowseStatuses }).notNull().default('requested'),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    endedBy: text('ended_by', { enum: ['agent', 'customer'] }),
    snapshot: bytea('snapshot'),
    /** Grows with every snapshot uploaded, so the mirror knows when to start over. */
    snapshotVersion: integer('snapshot_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
    /** The last sign of the visitor's page (accept, a snapshot): a session quiet for long no longer resumes. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('cobrowse_sessions_conversation_idx').on(t.conversationId, t.createdAt)],
);
