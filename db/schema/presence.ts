import { sql } from 'drizzle-orm';
import { index, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './users';

/**
 * When a member was online (available for requests): a session opens when they mark
 * themself online and closes when they go away or are deactivated. Reports add up the
 * hours; the membership's `availability` stays the current state.
 */
export const presenceSessions = pgTable(
  'presence_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('presence_sessions_workspace_idx').on(t.workspaceId, t.startedAt),
    // At most one open session per member.
    uniqueIndex('presence_sessions_open_key').on(t.workspaceId, t.userId).where(sql`${t.endedAt} is null`),
  ],
);
