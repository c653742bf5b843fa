import { listenTo, type Listener } from '@/db/listen';
import { CHANNEL_CHANGES, forgetChannel, setChannelCacheListening } from './cache';

/**
 * Keeps channels in this process's memory for as long as a LISTEN connection hears their
 * changes (cache.ts). For the web process, whose webhook route loads the channel of every
 * delivery; the inbound worker shares its wake-up connection instead. If the database
 * cannot be reached now, the connection keeps trying, and nothing is kept meanwhile.
 */
export async function keepChannelsCached(databaseUrl: string): Promise<() => Promise<void>> {
  let listener: Listener | null = null;
  try {
    listener = await listenTo(databaseUrl, { [CHANNEL_CHANGES]: forgetChannel }, {
      label: 'channels',
      onConnected: () => setChannelCacheListening(true),
      onLost: () => setChannelCacheListening(false),
    });
  } catch (error) {
    console.error('[channels] not cached for now:', error instanceof Error ? error.message : error);
  }
  return async () => {
    await listener?.end();
  };
}
