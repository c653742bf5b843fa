export type KeyedQueue = {
  <T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Work for this key is running or waiting. */
  busy(key: string): boolean;
};

/**
 * Runs work for the same key one after another within this process (a promise chain per
 * key), and work for different keys side by side. The ingest uses it per customer so the
 * two steps of one message (store, then let the bot answer) finish before the customer's
 * next message starts, whatever the worker's concurrency.
 */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  const oneAtATime = function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
  return Object.assign(oneAtATime, { busy: (key: string) => tails.has(key) });
}
