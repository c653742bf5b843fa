/**
 * An in-memory, append-only log with observers and "wait until something matching shows up".
 * The fakes keep requests and sends in these: tests assert on them, and the demo's customer
 * simulator subscribes to show what the shop sent.
 */
export class EventLog<T> {
  /** Mutated in place (trim, clear) so a reference handed out earlier stays live. */
  readonly items: T[] = [];
  private readonly listeners = new Set<(item: T) => void>();

  constructor(
    private readonly label: string,
    /** The demo app runs the fakes for days; keep memory bounded by dropping the oldest. */
    private readonly max: number,
    private readonly describe: (item: T) => string = (item) => JSON.stringify(item),
  ) {}

  record(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    for (const listener of [...this.listeners]) {
      try {
        listener(item);
      } catch (err) {
        // An observer's bug must not turn into a failed platform response.
        console.error(`fake-platforms: ${this.label} listener threw`, err);
      }
    }
  }

  on(listener: (item: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first recorded item (already present or arriving later) matching
   * `predicate`; on timeout rejects naming what was recorded, which is what a failing test
   * needs to see.
   */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number): Promise<T> {
    const existing = this.items.find((item) => safely(predicate, item));
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        const seen = this.items.length
          ? this.items.slice(-10).map((item) => `  - ${truncate(this.describe(item), 300)}`).join('\n')
          : '  (none)';
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for a matching ${this.label}. ` +
              `${this.items.length} recorded (last 10):\n${seen}`,
          ),
        );
      }, timeoutMs);
      const off = this.on((item) => {
        if (!safely(predicate, item)) return;
        clearTimeout(timer);
        off();
        resolve(item);
      });
    });
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** A predicate that throws on an unrelated shape just means "not this one". */
function safely<T>(predicate: (item: T) => boolean, item: T): boolean {
  try {
    return predicate(item);
  } catch {
    return false;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
