import { listenTo, type Listener } from '@/db/listen';
import { cacheChangeHandlers, setCachesListening } from './notified-cache';

/**
 * Keeps rows in this process's memory (notified-cache.ts) for as long as a LISTEN connection
 * hears their changes. For the web process, whose webhook route loads the channel of every
 * delivery; the inbound worker hears them on its wake-up connection instead. If the database
 * cannot be reached now, the connection keeps trying, and nothing is kept meanwhile.
 */
export async function keepCachesListening(databaseUrl: string): Promise<() => Promise<void>> {
  let listener: Listener | null = null;
  try {
    listener = await listenTo(databaseUrl, cacheChangeHandlers(), {
      label: 'caches',
      onConnected: () => setCachesListening(true),
      onLost: () => setCachesListening(false),
    });
  } catch (error) {
    console.error('[caches] nothing kept for now:', error instanceof Error ? error.message : error);
  }
  return async () => {
    await listener?.end();
  };
}
