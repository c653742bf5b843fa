import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { listenTo } from '@/db/listen';
import { cacheChangeHandlers, setCachesListening } from '@/lib/cache/notified-cache';
import { getConfig } from '@/lib/config';
import { processBatchable } from './batch';
import { createProcessedMarker } from './mark-processed';
import { releaseStrandedWaiting } from './customer-order';
import { claimInbound, processClaimedEvent, releaseLapsedLeases, renewLeases } from './process';

// The inbound worker: processes stored webhook deliveries in its own process, so the web
// process only verifies, stores and answers 200 (its time-to-200 no longer depends on how
// busy processing is), and the work in flight is bounded by `concurrency` whatever the
// burst: the backlog waits in PostgreSQL, not in memory.

export const INBOUND_CHANNEL = 'baton_inbound';

/** How long a worker's claim holds without its heartbeat (renewed every third of it). */
export const WORKER_LEASE_MS = 10_000;

/**
 * How stored deliveries get processed (BATON_INGEST_MODE). 'inline': by the process that
 * received them, after the response (one process, tests). 'worker': by `scripts/worker.ts`,
 * woken by a NOTIFY; the launcher starts it unless told 'inline'.
 */
export function ingestMode(): 'inline' | 'worker' {
  return getConfig().BATON_INGEST_MODE;
}

let notifying: Promise<void> | null = null;
let notifyAgain = false;

/**
 * Tells the worker there is something to claim (it also polls, so a lost notify only
 * delays). PostgreSQL serialises the commits of notifying transactions, each with its WAL
 * flush, so one NOTIFY per webhook would cap ingest at the disk's flush rate: wake-ups are
 * coalesced instead. While one is in flight, callers only ask for one more after it, which
 * still follows their (already committed) insert, so the worker sees every delivery.
 */
export function wakeIngestWorker(db: Db): Promise<void> {
  if (notifying) {
    notifyAgain = true;
    return notifying;
  }
  notifying = (async () => {
    try {
      do {
        notifyAgain = false;
        await db.execute(sql`select pg_notify(${INBOUND_CHANNEL}, '')`);
      } while (notifyAgain);
    } catch (error) {
      console.error('[ingest] could not wake the worker (it polls):', error instanceof Error ? error.message : error);
    } finally {
      notifying = null;
    }
  })();
  return notifying;
}

export type IngestWorkerOptions = {
  db: Db;
  /** For the LISTEN connection (a pool connection cannot hold a LISTEN). */
  databaseUrl: string;
  /** Deliveries processed at once. */
  concurrency?: number;
  /** Looks for retries and missed wake-ups this often. */
  pollMs?: number;
  /** How long its claims hold without the heartbeat (default WORKER_LEASE_MS). */
  leaseMs?: number;
  /** Least time between two claims while deliveries keep coming (default GATHER_MS). */
  gatherMs?: number;
  log?: (line: string) => void;
};

export type IngestWorker = {
  /** Deliveries processed since the start. */
  readonly processed: number;
  readonly inFlight: number;
  /** Stops claiming and waits (up to `timeoutMs`) for the deliveries in flight. */
  stop(timeoutMs?: number): Promise<void>;
};

/**
 * While deliveries keep coming, claims are at least this far apart: the wake-ups between
 * them gather into one claim that the batch path stores together (a steady stream of one
 * or two per claim would pay a claim, a transaction and a publish each). A quiet shop's
 * first message is claimed at once; under a stream a delivery waits at most this long.
 */
export const GATHER_MS = 20;

/**
 * Claims deliveries while there is room (`concurrency` in flight) and processes them.
 * Wake-ups that arrive while it claims are not lost: it claims once more after.
 */
function createPump(db: Db, concurrency: number, leaseMs: number, gatherMs: number) {
  let stopped = false;
  let inFlight = 0;
  let processed = 0;
  let claiming = false;
  let again = false; // a wake-up arrived while claiming: claim once more after
  let idle: (() => void) | null = null;
  let retriesDue = true; // failed deliveries are looked for on start and on each poll, not on every wake-up
  let lastClaimAt = -Infinity;
  let gathering: NodeJS.Timeout | null = null;
  let starved = false; // the last claim stopped for want of room: a finished delivery makes some

  /** Claims now, or (within the gathering interval of the last claim) at its end. */
  function wake(): void {
    if (stopped || gathering) return;
    const wait = lastClaimAt + gatherMs - performance.now();
    if (wait <= 0) {
      void pump();
      return;
    }
    gathering = setTimeout(() => {
      gathering = null;
      void pump();
    }, wait);
  }

  // A customer's next delivery put back in the queue by a finish is there to claim.
  const markProcessed = createProcessedMarker(db, wake);
  const held = new Set<string>(); // the deliveries this worker holds a lease on
  const finished = (eventId: string, outcome: unknown) => {
    held.delete(eventId);
    inFlight -= 1;
    processed += 1;
    if (stopped && inFlight === 0) idle?.();
    // A failure may have let the customer's next delivery go; room matters only if the claims stopped for it.
    if (starved || outcome !== 'processed') wake();
  };

  async function pump(): Promise<void> {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    try {
      do {
        again = false;
        const room = concurrency - inFlight;
        starved = room <= 0;
        if (starved) break;
        const retries = retriesDue;
        retriesDue = false;
        lastClaimAt = performance.now();
        const { claimed, more } = await claimInbound(db, room, { retries, leaseMs });
        if (claimed.length === 0) {
          // Nothing found: deliveries are not coming, so the next wake-up claims at once, and one
          // that arrived during this claim (its delivery may have missed it) claims now.
          lastClaimAt = -Infinity;
          if (gathering) {
            clearTimeout(gathering);
            gathering = null;
            again = true;
          }
        }
        inFlight += claimed.length;
        for (const event of claimed) held.add(event.id);
        // The common deliveries of the claim go together in one transaction; the rest one at a time.
        const batched = await processBatchable(db, claimed, markProcessed).catch((error: unknown) => {
          console.error('[worker] batch:', error instanceof Error ? error.message : error);
          return new Map<string, Promise<unknown>>();
        });
        for (const event of claimed) {
          void (batched.get(event.id) ?? processClaimedEvent(db, event, markProcessed))
            .catch((error: unknown) => {
              console.error('[worker]', error instanceof Error ? error.message : error);
              return 'failed';
            })
            .then((outcome) => finished(event.id, outcome));
        }
        // A full claim (or one that parked some) means more may be waiting: claim again as soon as there is room.
        if (more) again = true;
        starved = again && inFlight >= concurrency;
      } while (again && !stopped && inFlight < concurrency);
    } catch (error) {
      console.error('[worker] claim failed:', error instanceof Error ? error.message : error);
    } finally {
      claiming = false;
    }
  }

  return {
    pump,
    wake,
    /** The next claim also looks for failed deliveries due for a retry. */
    retryDue() {
      retriesDue = true;
    },
    get processed() {
      return processed;
    },
    get inFlight() {
      return inFlight;
    },
    /** The deliveries this worker holds, for the heartbeat. */
    get held(): readonly string[] {
      return [...held];
    },
    /** Stops claiming; resolves when the deliveries in flight are done (or never, if none finish). */
    stop(): Promise<void> {
      stopped = true;
      if (gathering) clearTimeout(gathering);
      return inFlight > 0 ? new Promise<void>((resolve) => (idle = resolve)) : Promise.resolve();
    },
    get stopped() {
      return stopped;
    },
  };
}

export async function startIngestWorker(options: IngestWorkerOptions): Promise<IngestWorker> {
  const { db } = options;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const pollMs = options.pollMs ?? 1_000;
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const leaseMs = options.leaseMs ?? WORKER_LEASE_MS;
  const pump = createPump(db, concurrency, leaseMs, options.gatherMs ?? GATHER_MS);
  // One connection hears both the wake-ups and the cached tables' changes; while it is down
  // the poll keeps the work going and nothing is kept in memory.
  const listener = await listenTo(
    options.databaseUrl,
    { [INBOUND_CHANNEL]: () => pump.wake(), ...cacheChangeHandlers() },
    {
      label: 'worker',
      onConnected: () => {
        setCachesListening(true);
        pump.wake(); // what arrived while not listening
      },
      onLost: () => setCachesListening(false),
    },
  );

  // The heartbeat: while this worker lives, its leases run on; when it dies they lapse within
  // the lease and any worker (a restarted one, or another) takes the deliveries back.
  const heartbeat = setInterval(() => {
    void renewLeases(db, pump.held, leaseMs).catch((error: unknown) => console.error('[worker] lease renewal failed:', error instanceof Error ? error.message : error));
  }, leaseMs / 3);
  heartbeat.unref();

  let polls = 0;
  const timer = setInterval(() => {
    polls += 1;
    // Leases lapse, and waiting deliveries are stranded, only when a worker died: every other poll is soon enough.
    const release = polls % 2 === 0 ? releaseLapsedLeases(db, new Date()).then(() => releaseStrandedWaiting(db)).catch(() => 0) : Promise.resolve(0);
    void release.then(() => {
      pump.retryDue();
      pump.wake();
    });
  }, pollMs);
  void pump.pump(); // what arrived while no worker ran
  log(`processing inbound deliveries, ${concurrency} at a time`);

  return {
    get processed() {
      return pump.processed;
    },
    get inFlight() {
      return pump.inFlight;
    },
    async stop(timeoutMs = 10_000) {
      const drained = pump.stop();
      clearInterval(timer);
      // The heartbeat runs on until what is in flight is done (or the timeout gives it up).
      void drained.then(() => clearInterval(heartbeat));
      await listener.end();
      await Promise.race([drained, new Promise((r) => setTimeout(r, timeoutMs))]);
    },
  };
}
