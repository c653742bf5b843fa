import http from 'node:http';
import https from 'node:https';
import Pusher from 'pusher';
import { getConfig, type Env } from '@/lib/config';

export type RealtimeEvent = { channel: string; name: string; data: unknown; socketId?: string };

export function createPusher(env: Env): Pusher {
  // Keep connections to the realtime server open between publishes instead of one per event.
  const agent = env.PUSHER_USE_TLS ? new https.Agent({ keepAlive: true, maxSockets: 32 }) : new http.Agent({ keepAlive: true, maxSockets: 32 });
  return new Pusher({
    agent,
    appId: env.PUSHER_APP_ID,
    key: env.PUSHER_KEY,
    secret: env.PUSHER_SECRET,
    useTLS: env.PUSHER_USE_TLS,
    // A host (embedded server, soketi) overrides the cluster; without one, Pusher Channels.
    ...(env.PUSHER_HOST
      ? { host: env.PUSHER_HOST, port: env.PUSHER_PORT ? String(env.PUSHER_PORT) : undefined }
      : { cluster: env.PUSHER_CLUSTER }),
  });
}

const holder = globalThis as unknown as { __batonPusher?: { client: Pusher; env: Env } };

export function getPusher(): Pusher {
  const env = getConfig();
  if (holder.__batonPusher?.env !== env) holder.__batonPusher = { client: createPusher(env), env };
  return holder.__batonPusher.client;
}

const BATCH_LIMIT = 10; // Pusher's maximum events per batch request

type Waiting = { events: RealtimeEvent[]; done: () => void };
let waiting: Waiting[] = [];
let flushScheduled = false;

/**
 * Publishes after the database commit. A realtime outage must not undo or fail what was
 * already saved: clients refetch on reconnect, so failures are logged, not thrown.
 * Events published in the same turn of the event loop (a worker finishing several
 * deliveries, an operation and its routing) share batch requests: one HTTP request per
 * ten events instead of one per caller.
 */
export function publish(events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  return new Promise<void>((done) => {
    waiting.push({ events, done });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  flushScheduled = false;
  const callers = waiting;
  waiting = [];
  const events = callers.flatMap((c) => c.events);
  const pusher = getPusher();
  const batches: RealtimeEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH_LIMIT) batches.push(events.slice(i, i + BATCH_LIMIT));
  await Promise.all(
    batches.map(async (batch) => {
      try {
        await pusher.triggerBatch(
          batch.map((e) => ({ channel: e.channel, name: e.name, data: e.data, socket_id: e.socketId })),
        );
      } catch (error) {
        console.error(`[realtime] publish failed for ${batch.map((e) => e.name).join(', ')}:`, describe(error));
      }
    }),
  );
  for (const c of callers) c.done();
}

/**
 * Closes every live connection the user signed in on (Pusher's terminate_connections).
 * Their browsers reconnect and authorize each channel again, so whatever they may no longer
 * see is refused from then on. Like publish, a realtime outage is logged, never thrown:
 * the change that asked for it is already committed.
 */
export async function terminateUserConnections(userId: string): Promise<void> {
  try {
    await getPusher().terminateUserConnections(userId);
  } catch (error) {
    console.error(`[realtime] terminating the connections of user ${userId} failed:`, describe(error));
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && (error as { status?: number }).status !== undefined) {
    const e = error as { status: number; body?: string };
    return `HTTP ${e.status} ${e.body ?? ''}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether anyone listens on a channel now, as the realtime server reports it; null when it
 * cannot say (down, or refusing), so callers keep whatever they would otherwise assume.
 */
export async function channelOccupied(channel: string): Promise<boolean | null> {
  try {
    const response = await getPusher().get({ path: `/channels/${channel}` });
    if (!response.ok) return null;
    const body = (await response.json()) as { occupied?: unknown };
    return typeof body.occupied === 'boolean' ? body.occupied : null;
  } catch (error) {
    console.error(`[realtime] asking whether ${channel} is occupied failed:`, describe(error));
    return null;
  }
}
