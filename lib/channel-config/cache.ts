import { CACHE_CHANNELS, notifiedCache } from '@/lib/cache/notified-cache';

/** Channels with their decrypted credentials (load.ts); migration 0026's trigger tells changes. */
export const channelCache = notifiedCache(CACHE_CHANNELS.channels);
