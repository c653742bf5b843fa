import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { UserError } from '@/lib/errors';

// Limits on guessing secrets (passwords, invite links). Counters live in PostgreSQL (table
// rate_limits, made by a migration) through rate-limiter-flexible, so every app instance and
// every separately built Next bundle counts against the same numbers. Each attempt is counted
// before the secret is checked, atomically, so parallel guesses cannot slip past the limit.

type Policy = { points: number; duration: number; blockDuration: number };

export const LIMITS = {
  /** Sign-in attempts per account (email): 10 a minute, then 15 minutes' wait. */
  signInAccount: { points: 10, duration: 60, blockDuration: 15 * 60 },
  /** Sign-in attempts per client address, across accounts. */
  signInIp: { points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Invite acceptances per client address. */
  inviteIp: { points: 20, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Password changes (current password checks) per user. */
  passwordChange: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
} as const satisfies Record<string, Policy>;

export type LimitName = keyof typeof LIMITS;

/** A user-facing refusal that says when to try again. */
export class TooManyAttemptsError extends UserError {
  constructor(readonly retryAfterMs: number) {
    super('rate_limited', tooManyAttemptsMessage(retryAfterMs));
    this.name = 'TooManyAttemptsError';
  }
}

export function minutesToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = minutesToWait(retryAfterMs);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

const holder = globalThis as unknown as { __batonLimiters?: WeakMap<Pool, Map<LimitName, RateLimiterPostgres>> };

function limiter(db: Db, name: LimitName): RateLimiterPostgres {
  // drizzle(pool) keeps its pool as $client; the Db type leaves it out.
  const pool = (db as unknown as { $client: Pool }).$client;
  const byPool = (holder.__batonLimiters ??= new WeakMap());
  let limiters = byPool.get(pool);
  if (!limiters) byPool.set(pool, (limiters = new Map()));
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      ...LIMITS[name],
    });
    limiters.set(name, found);
  }
  return found;
}

// The store's key column holds 255 characters, prefix included: long keys are hashed.
function storedKey(key: string): string {
  const lower = key.toLowerCase();
  return lower.length <= 200 ? lower : createHash('sha256').update(lower).digest('hex');
}

/**
 * Counts one attempt against every key given; throws TooManyAttemptsError (with the longest
 * wait) when any of them is over its limit. A database error propagates: no limit, no attempt.
 */
export async function takeAttempt(db: Db, keys: ReadonlyArray<readonly [LimitName, string]>): Promise<void> {
  const results = await Promise.allSettled(keys.map(([name, key]) => limiter(db, name).consume(storedKey(key))));
  let waitMs = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  if (waitMs > 0 || results.some((r) => r.status === 'rejected')) throw new TooManyAttemptsError(waitMs);
}

/** Forgets the attempts on a key (after a success, so a user's own typos do not add up). */
export async function clearAttempts(db: Db, name: LimitName, key: string): Promise<void> {
  await limiter(db, name).delete(storedKey(key));
}

/** Gives back one attempt on a key (a success that should not count against a shared address). */
export async function refundAttempt(db: Db, name: LimitName, key: string): Promise<void> {
  await limiter(db, name).reward(storedKey(key));
}
