import { listenTo } from '@/db/listen';
import { cacheChangeHandlers, setCachesListening } from './notified-cache';

/**
 * Keeps rows in this process's memory (notified-cache.ts) for as long as a LISTEN connection
 * hears their changes. For the web process, whose webhook route loads the channel of every
 * delivery; the inbound worker hears them on its wake-up connection instead. If the database
 * cannot be reached now, the connection keeps trying, and nothing is kept meanwhile.
 */
export async function keepCachesListening(databaseUrl: string): Promise<() => Promise<void>> {
  const listener = await listenTo(databaseUrl, cacheChangeHandlers(), {
    label: 'caches',
    onConnected: () => setCachesListening(true),
    onLost: () => setCachesListening(false),
    keepTryingAtStart: true,
  });
  return async () => {
    await listener.end();
  };
}
