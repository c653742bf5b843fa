import { and, eq, getTableColumns, inArray, isNotNull, lte, sql } from 'drizzle-orm';
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
import { finishDeliveries, nothingEarlierFor, processedSet, releaseParkedIfFree } from './customer-order';

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

export { ORDERED_RETRIES } from './customer-order';

export type ClaimOptions = {
  /** Also failed deliveries due for another attempt. */
  retries?: boolean;
  /** How long the claim holds without a renewal (the worker renews; default 5 minutes). */
  leaseMs?: number;
  /** Only new deliveries received before this (the inline sweep leaves fresh ones to `after()`). */
  pendingBefore?: Date;
  now?: Date;
};

export type Claim = {
  claimed: ClaimedEvent[];
  /** More may be waiting: the claim was full, or it parked some of what it looked at. */
  more: boolean;
};

/** A raw `returning *` row as Drizzle's select gives it (names and values mapped by the schema). */
const toClaimed = (row: Record<string, unknown>): ClaimedEvent =>
  Object.fromEntries(
    Object.entries(getTableColumns(inboundEvents)).map(([key, column]) => {
      const value = row[column.name];
      return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    }),
  ) as ClaimedEvent;

/**
 * New deliveries, oldest first, in one statement: of the oldest pending ones (locked, SKIP
 * LOCKED so claimers work side by side), those with nothing earlier unfinished for their
 * customers are claimed, up to `limit`; the others are parked to wait for it (see
 * customer-order.ts), so no later claim walks past them again.
 */
async function claimFresh(db: Db, limit: number, leaseMs: number, pendingBefore?: Date): Promise<Claim> {
  // No more than it may take: what it locks, other claimers skip.
  const scan = limit;
  const result = await db.execute<Record<string, unknown> & { parked: boolean }>(sql`
    with candidates as (
      select id, received_at, customer_keys from ${inboundEvents}
      where status = 'pending' ${pendingBefore ? sql`and received_at <= ${pendingBefore.toISOString()}::timestamptz` : sql``}
      order by received_at limit ${scan}
      for update skip locked
    ), judged as (
      select c.id, c.received_at, ${nothingEarlierFor(sql`c`)} as free from candidates c
    ), parked as (
      update ${inboundEvents} p set status = 'waiting', next_attempt_at = null
      where p.id in (select id from judged where not free) returning p.*
    ), taken as (
      update ${inboundEvents} t set status = 'processing', attempts = t.attempts + 1,
        next_attempt_at = ${new Date(Date.now() + leaseMs).toISOString()}::timestamptz
      where t.id in (select id from judged where free order by received_at, id limit ${limit}) returning t.*
    )
    select false as parked, * from taken union all select true as parked, * from parked`);
  const claimed = result.rows.filter((r) => !r.parked).map(toClaimed);
  const parkedIds = result.rows.filter((r) => r.parked).map((r) => r.id as string);
  // A finish that crossed the park released nothing: look again now that the park is committed.
  const released = await releaseParkedIfFree(db, parkedIds);
  return { claimed, more: claimed.length === limit || result.rows.length === scan || released > 0 };
}

/**
 * Claims up to `limit` deliveries waiting to be processed, oldest first: new ones, then
 * (with `retries`) failed ones due for another attempt. The worker and the inline sweep
 * both take work this way. Failed ones are read through their own partial index (a
 * combined OR would scan every failed row).
 */
export async function claimInbound(db: Db, limit: number, options: ClaimOptions = {}): Promise<Claim> {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? PROCESSING_LEASE_MS;
  const fresh = limit > 0 ? await claimFresh(db, limit, leaseMs, options.pendingBefore) : { claimed: [], more: false };
  const room = limit - fresh.claimed.length;
  let retried: ClaimedEvent[] = [];
  if (options.retries && room > 0) {
    const due = db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.status, 'failed'), isNotNull(inboundEvents.nextAttemptAt), lte(inboundEvents.nextAttemptAt, now)))
      .orderBy(inboundEvents.nextAttemptAt)
      .limit(room)
      .for('update', { skipLocked: true });
    retried = await db
      .update(inboundEvents)
      .set(claimSet(leaseMs))
      .where(and(inArray(inboundEvents.id, due), eq(inboundEvents.status, 'failed')))
      .returning();
  }
  const claimed = [...fresh.claimed, ...retried].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  return { claimed, more: fresh.more || retried.length === room };
}

/** claimInbound's deliveries alone. */
export async function claimInboundEvents(db: Db, limit: number, options: ClaimOptions = {}): Promise<ClaimedEvent[]> {
  return (await claimInbound(db, limit, options)).claimed;
}

const markOne = (db: Db) => (eventId: string) => finishDeliveries(db, [eventId], processedSet);

/**
 * Processes a delivery this worker has claimed (see processInboundEvent). `markProcessed`
 * lets the worker mark many deliveries in one statement (mark-processed.ts).
 */
export async function processClaimedEvent(db: Db, claimed: ClaimedEvent, markProcessed: (eventId: string) => Promise<unknown> = markOne(db)): Promise<ProcessOutcome> {
  const eventId = claimed.id;
  try {
    const loaded = await loadChannel(db, claimed.channelId);
    if (!loaded) throw new Error('The channel no longer exists');
    const adapter = getMessagingAdapter(loaded.channel.kind);
    if (!adapter) throw new Error('Website chat messages do not arrive as webhooks');
    const parsed = adapter.parseWebhook(claimed.rawBody);
    if (!parsed.ok) {
      await finishDeliveries(db, [eventId], sql`status = 'malformed', error = ${parsed.error}, next_attempt_at = null, processed_at = now()`);
      return 'failed';
    }
    for (const event of parsed.events) {
      const realtime = await applyEvent(db, loaded, adapter, event);
      await publish(realtime);
    }
    await markProcessed(eventId);
    return 'processed';
  } catch (error) {
    return markFailed(db, claimed, error);
  }
}

/** A claimed delivery that failed: kept, and retried after its backoff (until its attempts run out). */
export async function markFailed(db: Db, claimed: ClaimedEvent, error: unknown): Promise<ProcessOutcome> {
  const message = errorReason(error);
  const retry = claimed.attempts < MAX_INGEST_ATTEMPTS;
  const nextAttemptAt = retry ? new Date(Date.now() + ingestBackoffMs(claimed.attempts)).toISOString() : null;
  // Past its first retries it no longer holds the customer's later deliveries back (a
  // release that comes too early is harmless: the next claim parks that one again).
  await finishDeliveries(db, [claimed.id], sql`status = 'failed', error = ${message.slice(0, 2000)}, next_attempt_at = ${nextAttemptAt}::timestamptz`);
  console.error(`[ingest] event ${claimed.id} failed (attempt ${claimed.attempts}):`, message);
  return 'failed';
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

