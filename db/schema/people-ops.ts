import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './users';
import { conversations } from './conversations';
import { tickets } from './tickets';

/** One-time links an admin gives a new agent to set their password. Only a hash is kept. */
export const userInvites = pgTable(
  'user_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    // Only the invite of the workspace that created the account may choose its first
    // password; every other invite is accepted by signing in as the account.
    setsPassword: boolean('sets_password').notNull().default(false),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_invites_token_key').on(t.tokenHash)],
);

export const reminderStatuses = ['pending', 'fired', 'cancelled'] as const;

/** "Remind me in 2 hours": fired by a durable job, survives restarts. */
export const reminders = pgTable(
  'reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    note: text('note'),
    status: text('status', { enum: reminderStatuses }).notNull().default('pending'),
    firedAt: timestamp('fired_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('reminders_due_idx').on(t.status, t.dueAt), index('reminders_conversation_idx').on(t.conversationId)],
);

export const notificationKinds = [
  'assigned_to_me',
  'reassigned_to_me',
  'assigned_to_my_team',
  'unassigned',
  'new_message',
  'reminder_due',
  'customer_needs_help',
  'sla_breach_soon',
  'sla_breached',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The in-app bell. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    /** A ticket's notification (its SLA target missed): the bell links to the ticket by its number. */
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    ticketNumber: integer('ticket_number'),
    title: text('title').notNull(),
    body: text('body'),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.workspaceId, t.createdAt.desc())],
);

/** Per agent and kind: in the app, as a browser notification, with a sound. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    inApp: boolean('in_app').notNull(),
    browser: boolean('browser').notNull(),
    sound: boolean('sound').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.kind] })],
);
