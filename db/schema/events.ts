import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';

export const inboundEventStatuses = ['pending', 'processing', 'processed', 'failed', 'malformed'] as const;

/**
 * Every webhook delivery a channel accepted, stored raw before the 200 goes back, so
 * nothing a platform delivered is lost: failed ones are retried and shown to admins.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    // The platform's id for the event (mid, wamid, webhookEventId) or a body hash.
    eventKey: text('event_key').notNull(),
    rawBody: text('raw_body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: text('status', { enum: inboundEventStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true, precision: 3 }),
    // `{channelId}:{customer's id}` of every customer the delivery is about, read when it is
    // stored: a customer's later delivery is not claimed while an earlier one is unfinished.
    customerKeys: text('customer_keys').array(),
  },
  (t) => [
    uniqueIndex('inbound_events_channel_key').on(t.channelId, t.eventKey),
    index('inbound_events_status_idx').on(t.status, t.receivedAt),
    // The worker's queue: small partial indexes, so claiming stays quick however many
    // deliveries are processed or given up.
    index('inbound_events_pending_idx').on(t.receivedAt).where(sql`${t.status} = 'pending'`),
    // fastupdate off: the claim looks customers up for every candidate, and a GIN pending
    // list (where fast updates wait) is read in full by every lookup: with a backlog of
    // thousands that made PostgreSQL the bottleneck.
    index('inbound_events_unfinished_customers_idx')
      .using('gin', t.customerKeys)
      .with({ fastupdate: false })
      .where(sql`${t.status} in ('pending', 'processing') or (${t.status} = 'failed' and ${t.nextAttemptAt} is not null)`),
    index('inbound_events_retry_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'failed' and ${t.nextAttemptAt} is not null`),
  ],
);
