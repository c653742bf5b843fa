/**
 * Fixed one-second window counter for client events (Pusher: at most 10 per second per
 * connection). A fixed window, rather than a refilling bucket, keeps the limit exact and
 * predictable: a burst gets precisely `limit` through, whatever the timing inside it.
 */
export class WindowRateLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when it is over the limit for the current window. */
  take(): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    if (this.count >= this.limit) return false;
    this.count += 1;
    return true;
  }
}
