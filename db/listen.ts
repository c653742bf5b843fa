import pg from 'pg';
import { isExpectedShutdownError } from './client';

export type Listener = { end(): Promise<void> };

export type ListenHooks = {
  /** Names the connection in logs. */
  label: string;
  /** After each (re)connect: what changed while nobody listened must be looked at again. */
  onConnected?: () => void;
  /** The connection dropped: notifications may be missed until it is back. */
  onLost?: () => void;
  /** A first connect that fails is retried like a dropped one instead of thrown. */
  keepTryingAtStart?: boolean;
};

/**
 * One LISTEN connection (a pool connection cannot hold a LISTEN) for the given channels.
 * When it drops (database restart, network) it is opened again with a growing pause; the
 * first connect's failure is thrown to the caller unless it asks to keep trying.
 */
export async function listenTo(databaseUrl: string, handlers: Record<string, (payload: string) => void>, hooks: ListenHooks): Promise<Listener> {
  let listener: pg.Client | null = null;
  let ended = false;
  let reconnects = 0;
  const listen = async (): Promise<void> => {
    if (ended) return; // a retry scheduled before the end
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('notification', (n) => handlers[n.channel]?.(n.payload ?? ''));
    client.on('error', (error) => {
      if (!isExpectedShutdownError(error)) console.error(`[${hooks.label}] listen connection:`, error.message);
    });
    client.on('end', () => {
      if (ended || listener !== client) return;
      listener = null;
      hooks.onLost?.();
      const delay = Math.min(30_000, 500 * 2 ** Math.min(reconnects++, 6));
      setTimeout(() => void listen().catch((error: unknown) => console.error(`[${hooks.label}] listen again failed:`, error instanceof Error ? error.message : error)), delay).unref();
    });
    listener = client;
    try {
      await client.connect();
      await client.query(Object.keys(handlers).map((channel) => `listen ${pg.escapeIdentifier(channel)}`).join('; '));
      reconnects = 0;
      hooks.onConnected?.();
    } catch (error) {
      await client.end().catch(() => {}); // 'end' schedules the next try
      throw error;
    }
  };
  await listen().catch((error: unknown) => {
    if (!hooks.keepTryingAtStart) throw error;
    console.error(`[${hooks.label}] not listening yet, trying again:`, error instanceof Error ? error.message : error);
  });
  return {
    end: async () => {
      ended = true;
      hooks.onLost?.();
      await listener?.end().catch(() => {});
    },
  };
}
