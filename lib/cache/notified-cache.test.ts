import { afterEach, describe, expect, it, vi } from 'vitest';

// Next gives instrumentation.ts (the listen connection) and the route handlers (the readers)
// separate copies of this module: two imports after resetModules stand for them.
async function twoCopies() {
  vi.resetModules();
  const listener = await import('./notified-cache');
  vi.resetModules();
  const route = await import('./notified-cache');
  return { listener, route };
}

afterEach(async () => {
  (await import('./notified-cache')).setCachesListening(false);
});

describe('notified caches across copies of the module', () => {
  it('are two copies here (the premise of the test)', async () => {
    const { listener, route } = await twoCopies();
    expect(listener).not.toBe(route);
  });

  it('a route’s copy keeps rows once the listener’s copy is listening, and forgets one its change handler hears', async () => {
    const { listener, route } = await twoCopies();
    const cache = route.notifiedCache(route.CACHE_CHANNELS.channels);
    const load = vi.fn(async () => ({ name: 'Shop page' }));

    await cache.get('channel-1', load);
    await cache.get('channel-1', load);
    expect(load).toHaveBeenCalledTimes(2); // nobody listens yet: every read goes to the database

    listener.setCachesListening(true);
    await cache.get('channel-1', load);
    await cache.get('channel-1', load);
    expect(load).toHaveBeenCalledTimes(3); // kept after the first read

    listener.cacheChangeHandlers()[listener.CACHE_CHANNELS.channels]('channel-1');
    await cache.get('channel-1', load);
    expect(load).toHaveBeenCalledTimes(4); // the change heard by the listener's copy dropped it

    listener.setCachesListening(false);
    await cache.get('channel-1', load);
    expect(load).toHaveBeenCalledTimes(5); // the connection lost: nothing kept
  });
});
