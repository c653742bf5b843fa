import { and, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { getMessagingAdapter, type ChannelAdapter, type MessagingKind } from '@/channels';
import type { NormalizedEvent } from '@/channels/types';
import type { Db } from '@/db/client';
import { inboundEvents } from '@/db/schema';
import { loadChannel, type LoadedChannel } from '@/lib/channel-config/load';
import { errorReason } from '@/lib/errors';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { applyCustomerMessage } from './apply-message';
import { applyDeletion, applyReaction } from './apply-message-changes';
import { applyEcho, applyFollow } from './apply-page-events';
import { applyOptin } from './apply-optin';
import { applyStatus, applyWatermark } from './apply-receipts';
import { applyTyping } from './apply-typing';
import { withStoredPicture } from './profile-picture';

/** After this many failed attempts an event stops retrying and waits for an admin. */
export const MAX_INGEST_ATTEMPTS = 8;
const PROCESSING_LEASE_MS = 5 * 60_000;

/** 30 s, 1 min, 2 min, 4 min … capped at 1 h. */
export function ingestBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

async function applyEvent(
  db: Db,
  loaded: LoadedChannel,
  adapter: ChannelAdapter<MessagingKind>,
  event: NormalizedEvent,
): Promise<RealtimeEvent[]> {
  switch (event.type) {
    case 'message':
      return applyCustomerMessage(db, loaded, adapter, event);
    case 'unsupported':
      if (!event.sender) return []; // nothing to attach it to: the raw event stays stored
      return applyCustomerMessage(db, loaded, adapter, {
        externalMessageId: `unsupported:${event.eventId}`,
        sender: event.sender,
        timestamp: event.timestamp,
        content: { kind: 'unsupported', description: event.description },
        raw: event.raw,
      });
    case 'echo':
      return applyEcho(db, loaded, event);
    case 'reaction':
      return applyReaction(db, loaded, event);
    case 'deletion':
      return applyDeletion(db, loaded, event);
    case 'status':
      return applyStatus(db, loaded, event);
    case 'watermark':
      return applyWatermark(db, loaded, event);
    case 'typing':
      return applyTyping(db, loaded, event);
    case 'optin':
      return applyOptin(db, loaded, event);
    case 'follow':
    case 'unfollow': {
      const profile =
        event.type === 'follow' && adapter.fetchProfile
          ? await adapter.fetchProfile(event.sender.externalId, loaded.credentials as never, loaded.endpoints).catch(() => null)
          : null;
      return applyFollow(db, loaded, event, await withStoredPicture(db, loaded, adapter, profile));
    }
  }
}

export type ProcessOutcome = 'processed' | 'failed' | 'skipped';
export type ClaimedEvent = typeof inboundEvents.$inferSelect;

const claimSet = (leaseMs = PROCESSING_LEASE_MS) => ({
  status: 'processing' as const,
  attempts: sql`${inboundEvents.attempts} + 1`,
  // While processing, next_attempt_at is the lease: past it, the worker died midway.
  nextAttemptAt: new Date(Date.now() + leaseMs),
});

/** The worker's heartbeat: the leases of the deliveries it still holds run on. */
export async function renewLeases(db: Db, eventIds: readonly string[], leaseMs: number): Promise<void> {
  if (eventIds.length === 0) return;
  await db
    .update(inboundEvents)
    .set({ nextAttemptAt: new Date(Date.now() + leaseMs) })
    .where(and(inArray(inboundEvents.id, [...eventIds]), eq(inboundEvents.status, 'processing')));
}

/**
 * Processes one stored delivery: claims it (so two workers never process it at once),
 * applies each normalized event in order, publishes what changed, and records the
 * outcome. Every step is idempotent, so a retry after a partial failure is safe.
 */
export async function processInboundEvent(db: Db, eventId: string): Promise<ProcessOutcome> {
  const [claimed] = await db
    .update(inboundEvents)
    .set(claimSet())
    .where(and(eq(inboundEvents.id, eventId), inArray(inboundEvents.status, ['pending', 'failed'])))
    .returning();
  return claimed ? processClaimedEvent(db, claimed) : 'skipped';
}

/** Retries a customer's later deliveries wait for; after them, the later ones go ahead. */
export const ORDERED_RETRIES = 3;

/**
 * A customer's deliveries are applied in the order they arrived, whichever worker takes
 * them: one waits while an earlier one about the same customer is unfinished (pending, being
 * processed by any worker, or failed and due for one of its first retries: a worker that died
 * holding it, a database outage). One that keeps failing stops holding the others back after
 * ORDERED_RETRIES attempts. Deliveries stored before customers were recorded (null) wait for
 * nobody.
 */
const noEarlierForItsCustomers = sql`not exists (
  select 1 from ${inboundEvents} earlier
  where earlier.customer_keys && ${inboundEvents.customerKeys}
    and (earlier.status in ('pending', 'processing')
      or (earlier.status = 'failed' and earlier.next_attempt_at is not null and earlier.attempts < ${ORDERED_RETRIES}))
    and (earlier.received_at, earlier.id) < (${inboundEvents.receivedAt}, ${inboundEvents.id}))`;

export type ClaimOptions = {
  /** Also failed deliveries due for another attempt. */
  retries?: boolean;
  /** How long the claim holds without a renewal (the worker renews; default 5 minutes). */
  leaseMs?: number;
  /** Only new deliveries received before this (the inline sweep leaves fresh ones to `after()`). */
  pendingBefore?: Date;
  now?: Date;
};

/**
 * Claims up to `limit` deliveries waiting to be processed, oldest first: new ones, then
 * (with `retries`) failed ones due for another attempt. The worker and the inline sweep
 * both take work this way. SKIP LOCKED lets several claimers work side by side without
 * waiting on each other or taking the same event. Each kind is read through its own
 * partial index (a combined OR would scan every failed row).
 */
export async function claimInboundEvents(db: Db, limit: number, options: ClaimOptions = {}): Promise<ClaimedEvent[]> {
  const now = options.now ?? new Date();
  const claimWhere = async (where: SQL | undefined, order: PgColumn, n: number) => {
    if (n <= 0) return [];
    const due = db.select({ id: inboundEvents.id }).from(inboundEvents).where(where).orderBy(order).limit(n).for('update', { skipLocked: true });
    return db
      .update(inboundEvents)
      .set(claimSet(options.leaseMs))
      .where(and(inArray(inboundEvents.id, due), inArray(inboundEvents.status, ['pending', 'failed'])))
      .returning();
  };
  const fresh = await claimWhere(
    and(eq(inboundEvents.status, 'pending'), noEarlierForItsCustomers, options.pendingBefore ? lte(inboundEvents.receivedAt, options.pendingBefore) : undefined),
    inboundEvents.receivedAt,
    limit,
  );
  const retried = options.retries
    ? await claimWhere(
        and(eq(inboundEvents.status, 'failed'), isNotNull(inboundEvents.nextAttemptAt), lte(inboundEvents.nextAttemptAt, now)),
        inboundEvents.nextAttemptAt,
        limit - fresh.length,
      )
    : [];
  return [...fresh, ...retried].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

const markOne = (db: Db) => async (eventId: string) => {
  await db
    .update(inboundEvents)
    .set({ status: 'processed', error: null, nextAttemptAt: null, processedAt: new Date() })
    .where(eq(inboundEvents.id, eventId));
};

/**
 * Processes a delivery this worker has claimed (see processInboundEvent). `markProcessed`
 * lets the worker mark many deliveries in one statement (mark-processed.ts).
 */
export async function processClaimedEvent(db: Db, claimed: ClaimedEvent, markProcessed: (eventId: string) => Promise<void> = markOne(db)): Promise<ProcessOutcome> {
  const eventId = claimed.id;
  try {
    const loaded = await loadChannel(db, claimed.channelId);
    if (!loaded) throw new Error('The channel no longer exists');
    const adapter = getMessagingAdapter(loaded.channel.kind);
    if (!adapter) throw new Error('Website chat messages do not arrive as webhooks');
    const parsed = adapter.parseWebhook(claimed.rawBody);
    if (!parsed.ok) {
      await db
        .update(inboundEvents)
        .set({ status: 'malformed', error: parsed.error, nextAttemptAt: null, processedAt: new Date() })
        .where(eq(inboundEvents.id, eventId));
      return 'failed';
    }
    for (const event of parsed.events) {
      const realtime = await applyEvent(db, loaded, adapter, event);
      await publish(realtime);
    }
    await markProcessed(eventId);
    return 'processed';
  } catch (error) {
    const message = errorReason(error);
    const retry = claimed.attempts < MAX_INGEST_ATTEMPTS;
    await db
      .update(inboundEvents)
      .set({
        status: 'failed',
        error: message.slice(0, 2000),
        nextAttemptAt: retry ? new Date(Date.now() + ingestBackoffMs(claimed.attempts)) : null,
      })
      .where(eq(inboundEvents.id, eventId));
    console.error(`[ingest] event ${eventId} failed (attempt ${claimed.attempts}):`, message);
    return 'failed';
  }
}

/** A lapsed lease means the worker died midway: the event becomes retryable again. */
export async function releaseLapsedLeases(db: Db, now: Date): Promise<number> {
  const released = await db
    .update(inboundEvents)
    .set({ status: 'failed', error: 'Processing was interrupted', nextAttemptAt: now })
    .where(and(eq(inboundEvents.status, 'processing'), lte(inboundEvents.nextAttemptAt, now)))
    .returning({ id: inboundEvents.id });
  return released.length;
}

