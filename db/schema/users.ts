import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  index,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

export const roles = ['admin', 'agent'] as const;
export const availabilities = ['online', 'away'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    avatarUrl: text('avatar_url'),
    // The IANA zone every time is shown in for this person; null: the browser's own zone.
    timeZone: text('time_zone'),
    // Null until the account's owner chose a password (an invited account has only an
    // unusable random hash): only then may an invite link set one.
    passwordSetAt: timestamp('password_set_at', { withTimezone: true, precision: 3 }).defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // Emails are compared case-insensitively everywhere, so the key is on lower(email).
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** A user's seat in a workspace: role, whether they take new chats, and how many. */
export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull().default('agent'),
    availability: text('availability', { enum: availabilities }).notNull().default('away'),
    capacity: integer('capacity').notNull().default(10),
    // Deactivated members keep their history but cannot sign in to this workspace.
    active: boolean('active').notNull().default(true),
    // Round-robin routing picks the least recently assigned available agent.
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true, precision: 3 }),
    // Null while the invitation is not accepted: a pending member has no access at all, so
    // adding someone's email gives the adding workspace nothing until that person agrees.
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).defaultNow(),
    // The name the admin typed, shown for a pending member instead of the account's own
    // name (which another workspace may have set and this one must not learn).
    invitedName: text('invited_name'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
  ],
);

/**
 * One row per signed-in browser. The session cookie (a signed, encrypted JWT) names its row;
 * a cookie whose row is gone is refused, so signing out, "sign out everywhere" and a password
 * change end sessions for real instead of waiting for the cookie to expire.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);
