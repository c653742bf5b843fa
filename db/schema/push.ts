import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A browser (a device) where an agent turned Web Push on. Per user, not per workspace: one
 * phone gets the agent's pushes from every workspace they belong to. The endpoint is the
 * push service's address for that browser, so it is unique; `p256dh` and `auth` encrypt the
 * payload for it. `visibleUntil` is the heartbeat of a visible Baton tab on that device:
 * while it is in the future the agent sees the in-app notification there, so no push.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** "Chrome on Android", from the user agent when it subscribed. */
    deviceLabel: text('device_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    visibleUntil: timestamp('visible_until', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
