import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { inboundEvents } from '@/db/schema';

// A customer's deliveries are applied in the order they arrived, whichever worker takes
// them. A delivery whose customer has an earlier one unfinished is parked ('waiting') by the
// claim that meets it, so later claims no longer walk past it; whoever finishes a delivery
// puts the next waiting one of each of its customers back in the queue ('pending').
//
// A park and a finish can cross (the finish's release runs before the park is committed):
// the claimer therefore looks at what it parked once more after its commit, and the
// worker's poll releases any waiting delivery with nothing unfinished before it (a worker
// killed between a finish and its release).

/** Retries a customer's later deliveries wait for; after them, the later ones go ahead. */
export const ORDERED_RETRIES = 3;

/**
 * Unfinished, as far as a later delivery of the same customer is concerned: new, parked,
 * being processed by any worker, or failed and due for one of its first retries (a worker
 * that died holding it, a database outage). One that keeps failing stops holding the others
 * back after ORDERED_RETRIES attempts.
 */
const unfinished = (alias: SQL) => sql`(${alias}.status in ('pending', 'processing', 'waiting')
  or (${alias}.status = 'failed' and ${alias}.next_attempt_at is not null and ${alias}.attempts < ${ORDERED_RETRIES}))`;

/**
 * True when no earlier delivery about any of the row's customers is unfinished. Deliveries
 * stored without customers (null) wait for nobody. Two lookups, each through its own index
 * (db/schema/events.ts): earlier deliveries about one customer, and the few about several.
 */
export const nothingEarlierFor = (row: SQL) => sql`(not exists (
    select 1 from ${inboundEvents} earlier
    where cardinality(earlier.customer_keys) = 1 and earlier.customer_keys[1] = any(${row}.customer_keys)
      and ${unfinished(sql`earlier`)} and (earlier.received_at, earlier.id) < (${row}.received_at, ${row}.id))
  and not exists (
    select 1 from ${inboundEvents} earlier
    where cardinality(earlier.customer_keys) > 1 and earlier.customer_keys && ${row}.customer_keys
      and ${unfinished(sql`earlier`)} and (earlier.received_at, earlier.id) < (${row}.received_at, ${row}.id)))`;

/**
 * A statement's tail, after a CTE named `finished` that returns the customer_keys of the
 * deliveries just finished: the earliest waiting delivery of each of their customers goes
 * back in the queue. If it still waits for another (a delivery about two customers), the
 * next claim parks it again.
 */
export const releaseNextAfterFinished = sql`update ${inboundEvents} w set status = 'pending', next_attempt_at = null
  where w.status = 'waiting' and w.id in (
    select next.id from (select distinct unnest(customer_keys) as key from finished) k
    cross join lateral (
      select id, received_at from (
        (select x.id, x.received_at from ${inboundEvents} x
          where cardinality(x.customer_keys) = 1 and x.customer_keys[1] = k.key and x.status = 'waiting'
          order by x.received_at, x.id limit 1)
        union all
        (select x.id, x.received_at from ${inboundEvents} x
          where cardinality(x.customer_keys) > 1 and x.customer_keys && array[k.key] and x.status = 'waiting'
          order by x.received_at, x.id limit 1)
      ) both_kinds order by received_at, id limit 1) next)`;

/**
 * After a claim's commit: the deliveries it parked whose earlier one finished meanwhile go
 * back in the queue. Returns how many did.
 */
export async function releaseParkedIfFree(db: Db, parkedIds: readonly string[]): Promise<number> {
  if (parkedIds.length === 0) return 0;
  const released = await db.execute(sql`update ${inboundEvents} w set status = 'pending', next_attempt_at = null
    where w.id = any(${sql.param([...parkedIds])}::uuid[]) and w.status = 'waiting' and ${nothingEarlierFor(sql`w`)}`);
  return released.rowCount ?? 0;
}

/**
 * The safety net (the worker's poll, the inline sweep): the first waiting delivery of each
 * customer goes back in the queue when nothing before it is unfinished.
 */
export async function releaseStrandedWaiting(db: Db): Promise<number> {
  const released = await db.execute(sql`update ${inboundEvents} w set status = 'pending', next_attempt_at = null
    where w.status = 'waiting' and w.id in (
      select h.id from (
        select distinct on (customer_keys) id, customer_keys, received_at from ${inboundEvents}
        where status = 'waiting' order by customer_keys, received_at, id) h
      where ${nothingEarlierFor(sql`h`)})`);
  return released.rowCount ?? 0;
}

/** A delivery done: what it changed is committed, nothing is left to retry. */
export const processedSet = sql`status = 'processed', error = null, next_attempt_at = null, processed_at = now()`;

/**
 * Finishes deliveries (`set`: their new status and fields) and, in the same statement, puts
 * the next waiting delivery of each of their customers back in the queue. Returns how many
 * went back (there is something new to claim).
 */
export async function finishDeliveries(db: Db, eventIds: readonly string[], set: SQL): Promise<number> {
  if (eventIds.length === 0) return 0;
  const released = await db.execute(sql`with finished as (
      update ${inboundEvents} set ${set} where id = any(${sql.param([...eventIds])}::uuid[]) returning customer_keys)
    ${releaseNextAfterFinished}`);
  return released.rowCount ?? 0;
}
