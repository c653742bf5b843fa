import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';

// 'waiting': stored, parked until an earlier delivery about the same customer is finished
// (lib/ingest/customer-order.ts).
export const inboundEventStatuses = ['pending', 'waiting', 'processing', 'processed', 'failed', 'malformed'] as const;

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
    // Partial, like the queue's: a delivery's status changes twice on its way (claimed,
    // finished), and each change writes a new entry in every index whose rows it belongs to.
    // The admin's list of a channel's problems, and the lapsed leases the worker releases.
    index('inbound_events_problems_idx').on(t.channelId, t.receivedAt).where(sql`${t.status} in ('failed', 'malformed')`),
    index('inbound_events_leases_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'processing'`),
    // The worker's queue: small partial indexes, so claiming stays quick however many
    // deliveries are processed or given up.
    index('inbound_events_pending_idx').on(t.receivedAt).where(sql`${t.status} = 'pending'`),
    // The claim and the finish ask, for a customer, whether an earlier delivery of theirs is
    // unfinished. Nearly every delivery is about one customer: a btree on that key (its dead
    // entries are skipped once marked, and a lookup stops at the first earlier one). The few
    // about several customers (a Messenger batch) have a small GIN index of their own.
    index('inbound_events_unfinished_customer_idx')
      .on(sql`(${t.customerKeys}[1])`, t.receivedAt, t.id)
      .where(sql`cardinality(${t.customerKeys}) = 1 and (${t.status} in ('pending', 'processing', 'waiting') or (${t.status} = 'failed' and ${t.nextAttemptAt} is not null))`),
    index('inbound_events_unfinished_customers_idx')
      .using('gin', t.customerKeys)
      .where(sql`cardinality(${t.customerKeys}) > 1 and (${t.status} in ('pending', 'processing', 'waiting') or (${t.status} = 'failed' and ${t.nextAttemptAt} is not null))`),
    index('inbound_events_retry_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'failed' and ${t.nextAttemptAt} is not null`),
  ],
);
