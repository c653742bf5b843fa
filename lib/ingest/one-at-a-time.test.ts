import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './one-at-a-time';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createKeyedQueue', () => {
  it('runs work of one key in call order, even when the first is slower', async () => {
    const oneAtATime = createKeyedQueue();
    const order: string[] = [];
    const gate = deferred();
    const first = oneAtATime('ann', async () => {
      await gate.promise;
      order.push('ann 1');
    });
    const second = oneAtATime('ann', async () => {
      order.push('ann 2');
    });
    const other = oneAtATime('bob', async () => {
      order.push('bob 1');
    });
    await other;
    expect(order).toEqual(['bob 1']); // another key does not wait for ann
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['bob 1', 'ann 1', 'ann 2']);
  });

  it('a failure is the caller’s, and the next work of the key still runs', async () => {
    const oneAtATime = createKeyedQueue();
    const failed = oneAtATime('ann', async () => {
      throw new Error('boom');
    });
    const next = oneAtATime('ann', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
