// Channels with their decrypted credentials, kept in memory between deliveries by a process
// that listens for changes (the inbound worker): every change to a channel row notifies
// CHANNEL_CHANGES (a trigger, whatever wrote it), and the entry is dropped. While the listen
// connection is down nothing is kept, so a missed notification can never leave a stale
// channel in use; a time limit bounds the rest.

export const CHANNEL_CHANGES = 'baton_channel_changed';
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

type Entry = { loaded: unknown; at: number };
const entries = new Map<string, Entry>();
let listening = false;
// Bumped by every change: a load that began before a change must not store what it read.
let generation = 0;

/** The listen connection is up (true) or down (false): only while up are channels kept. */
export function setChannelCacheListening(up: boolean): void {
  listening = up;
  generation += 1;
  entries.clear();
}

/** A channel row changed (the notification's payload is its id). */
export function forgetChannel(channelId: string): void {
  generation += 1;
  entries.delete(channelId);
}

/**
 * The cached channel (null: known not to exist), or what `load` reads, kept for next time
 * when nothing changed meanwhile.
 */
export async function cachedChannel<T>(channelId: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  if (!listening) return load();
  const hit = entries.get(channelId);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.loaded as T;
  const before = generation;
  const loaded = await load();
  if (listening && generation === before) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(channelId, { loaded, at: now });
  }
  return loaded;
}
