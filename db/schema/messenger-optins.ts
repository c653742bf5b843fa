import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';
import { contacts } from './contacts';

export const optinFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export const optinStatuses = ['active', 'stopped'] as const;

/**
 * A customer's Messenger notification opt-in (Marketing Messages): the token Meta gave when
 * they accepted an opt-in request, which lets the page message them outside the 24 h window,
 * at most once per period, until it expires or they stop it. One row per token.
 */
export const messengerOptins = pgTable(
  'messenger_optins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    frequency: text('frequency', { enum: optinFrequencies }).notNull(),
    status: text('status', { enum: optinStatuses }).notNull(),
    title: text('title'),
    /** Our opaque id sent with the request, as Meta echoed it. */
    payload: text('payload'),
    timezone: text('timezone'),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    /** The last notification sent with the token: the next waits one period from it. */
    lastSentAt: timestamp('last_sent_at', { withTimezone: true, precision: 3 }),
    /** When the platform said what the row says (a late, older event changes nothing). */
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messenger_optins_token_idx').on(t.channelId, t.token),
    index('messenger_optins_contact_idx').on(t.workspaceId, t.contactId, t.channelId),
  ],
);
