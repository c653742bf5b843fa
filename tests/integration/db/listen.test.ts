import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenTo } from '@/db/listen';
import { keepCachesListening } from '@/lib/cache/listen';

// The web process starts its cache listener at start-up: a database that is not up yet must
// not fail the start, and the listener must still be stoppable.

const nowhere = 'postgres://postgres@127.0.0.1:1/nothing';

afterEach(() => vi.restoreAllMocks());

describe('listenTo', () => {
  it('throws a first failed connect to a caller that does not ask to keep trying', async () => {
    await expect(listenTo(nowhere, { some_channel: () => {} }, { label: 'test' })).rejects.toThrow();
  });

  it('keeps trying, without throwing, for a caller that asks, and stops when told', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stop = await keepCachesListening(nowhere);
    expect(logged.mock.calls.some((call) => String(call[0]).includes('not listening yet'))).toBe(true);
    await expect(stop()).resolves.toBeUndefined();
  });
});
