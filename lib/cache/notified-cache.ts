// Rows kept in a process's memory for as long as it hears their changes: a trigger on the
// table notifies a channel with the row's id for every change, whoever made it, and the
// entry is dropped. While the process's listen connection is down nothing is kept, so a
// missed notification can never leave a stale row in use; a time limit bounds the rest.

const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

/** The notification channel of each cached table (its trigger's pg_notify). */
export const CACHE_CHANNELS = {
  channels: 'baton_channel_changed',
  workspaces: 'baton_workspace_changed',
  // Payload: the workspace id of a flow or flow version that changed.
  flows: 'baton_flows_changed',
  // Payload: the workspace id of a product, variant, set item, collection (or its products) or collection point that changed.
  catalogue: 'baton_catalogue_changed',
} as const;

type Channel = (typeof CACHE_CHANNELS)[keyof typeof CACHE_CHANNELS];

export type NotifiedCache = {
  /** The kept value, or what `load` reads, kept for next time when nothing changed meanwhile. */
  get<T>(id: string, load: () => Promise<T>, now?: number): Promise<T>;
};

type State = { entries: Map<string, { value: unknown; at: number }>; generation: number; kinds: Set<string> };

// One state per process, not per module instance: Next bundles instrumentation.ts (which
// holds the listen connection) apart from the route handlers (which read the caches), each
// with its own copy of this module. Kept on globalThis, the route's copy sees the listening
// flag and the invalidations that the instrumentation's copy receives.
type Shared = { caches: Map<Channel, State>; listening: boolean };
const shared: Shared = ((globalThis as { __batonNotifiedCaches?: Shared }).__batonNotifiedCaches ??= { caches: new Map(), listening: false });

function stateOf(channel: Channel): State {
  let state = shared.caches.get(channel);
  if (!state) shared.caches.set(channel, (state = { entries: new Map(), generation: 0, kinds: new Set() }));
  return state;
}

/**
 * A cache of rows the channel notifies; `kind` names what is kept, when one table's rows
 * are kept in more than one shape (the workspace's routing mode, its bot settings): a
 * change drops the row's entries of every kind.
 */
export function notifiedCache(channel: Channel, kind = ''): NotifiedCache {
  const state = stateOf(channel);
  state.kinds.add(kind);
  return {
    async get<T>(rowId: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
      if (!shared.listening) return load();
      const id = `${kind}\u0000${rowId}`;
      const hit = state.entries.get(id);
      if (hit && now - hit.at < MAX_AGE_MS) return hit.value as T;
      // Bumped by every change: a load that began before a change must not store what it read.
      const before = state.generation;
      const value = await load();
      if (shared.listening && state.generation === before) {
        if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
        state.entries.set(id, { value, at: now });
      }
      return value;
    },
  };
}

/** A row changed: the notification's payload is its id. */
export function forgetRow(channel: Channel, id: string): void {
  const state = stateOf(channel);
  state.generation += 1;
  for (const kind of state.kinds) state.entries.delete(`${kind}\u0000${id}`);
}

/** The listen connection is up (true) or down (false): only while up are rows kept. */
export function setCachesListening(up: boolean): void {
  shared.listening = up;
  for (const state of shared.caches.values()) {
    state.generation += 1;
    state.entries.clear();
  }
}

/** The handlers a listen connection needs for every cached table. */
export function cacheChangeHandlers(): Record<string, (payload: string) => void> {
  return Object.fromEntries(Object.values(CACHE_CHANNELS).map((channel) => [channel, (id: string) => forgetRow(channel, id)]));
}
