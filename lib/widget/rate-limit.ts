// A small in-memory token bucket per (endpoint, visitor or IP). It is a courtesy limit
// against floods from one browser, not a correctness mechanism: each app instance keeps
// its own buckets and a restart empties them. A shared limit (PostgreSQL or the load
// balancer) can replace it without touching the routes.

export type BucketRule = { capacity: number; refillPerSecond: number };

type Bucket = { tokens: number; updatedAt: number };

const MAX_BUCKETS = 50_000;

const holder = globalThis as unknown as { __batonWidgetBuckets?: Map<string, Bucket> };
const buckets = (holder.__batonWidgetBuckets ??= new Map());

/** Takes one token; returns 0 when allowed, or the seconds to wait. */
export function takeToken(key: string, rule: BucketRule, now = Date.now()): number {
  let bucket = buckets.get(key);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) prune(now);
    bucket = { tokens: rule.capacity, updatedAt: now };
    buckets.set(key, bucket);
  }
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.refillPerSecond);
  bucket.updatedAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / rule.refillPerSecond));
}

function prune(now: number) {
  // Buckets idle for a minute have refilled for every rule we use: dropping them changes nothing.
  for (const [key, bucket] of buckets) if (now - bucket.updatedAt > 60_000) buckets.delete(key);
  if (buckets.size >= MAX_BUCKETS) buckets.clear();
}

export function resetRateLimitsForTests(): void {
  buckets.clear();
}

/**
 * Per-endpoint limits: generous for a person, tight for a script. Per-address limits key on
 * the first X-Forwarded-For address, so behind a proxy it must set that header (otherwise
 * every visitor shares one address and the per-address limits are reached sooner).
 */
export const widgetLimits = {
  // Once per page view of every visitor of a shop (cacheable): loose.
  config: { capacity: 300, refillPerSecond: 20 },
  // Once per page view of a shop with action rules: as loose as the config.
  rules: { capacity: 300, refillPerSecond: 20 },
  sessionPerIp: { capacity: 20, refillPerSecond: 0.5 },
  session: { capacity: 10, refillPerSecond: 0.2 },
  history: { capacity: 30, refillPerSecond: 2 },
  send: { capacity: 15, refillPerSecond: 0.5 },
  upload: { capacity: 10, refillPerSecond: 0.2 },
  realtimeAuth: { capacity: 10, refillPerSecond: 0.2 },
  typing: { capacity: 5, refillPerSecond: 0.5 },
  // Accept, decline, hang up and the check on opening: a few per call.
  call: { capacity: 10, refillPerSecond: 0.5 },
  read: { capacity: 20, refillPerSecond: 1 },
  files: { capacity: 60, refillPerSecond: 5 },
  // Each one sends an email in the shop's name: a few, then one every two minutes.
  transcript: { capacity: 3, refillPerSecond: 1 / 120 },
  // The recorder sends a batch every few seconds, and one more when the page hides.
  recording: { capacity: 20, refillPerSecond: 0.5 },
  // Co-browsing: the visitor's answer, Stop, and a full snapshot per page (or per agent joining).
  cobrowse: { capacity: 20, refillPerSecond: 1 },
} satisfies Record<string, BucketRule>;
