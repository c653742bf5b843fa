import PusherServer from 'pusher';
import PusherClient, { type Channel } from 'pusher-js';
import { WebSocket } from 'ws';
import { startPusherServer, type PusherServerOptions } from '../../../realtime-server';
import { waitFor } from '../../support/wait-for';

/** Shared helpers for the embedded Pusher server tests: real SDKs on both sides. */

export const APP = { appId: 'baton-test', key: 'baton-test-key', secret: 'baton-test-secret' };

/** Waiting ceiling for one expected thing; far above normal latency, far below testTimeout. */
export const WAIT_MS = 5000;

export function startTestServer(overrides: Partial<PusherServerOptions> = {}) {
  return startPusherServer({ ...APP, host: '127.0.0.1', port: 0, ...overrides });
}

/** Rejects with a message naming what never happened, instead of a bare test timeout. */
export function within<T>(promise: Promise<T>, label: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${label}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function serverSdk(port: number, overrides: { appId?: string; secret?: string } = {}) {
  return new PusherServer({
    appId: overrides.appId ?? APP.appId,
    key: APP.key,
    secret: overrides.secret ?? APP.secret,
    host: '127.0.0.1',
    port: String(port),
    useTLS: false,
  });
}

export interface ClientOptions {
  /** Identity used for presence channel_data. */
  presence?: { user_id: string; user_info?: Record<string, unknown> };
  /** Secret the authorizer signs with; a wrong one makes the server refuse. */
  authSecret?: string;
  /** Identity for pusher:signin (user authentication). */
  user?: { id: string; [key: string]: unknown };
}

/**
 * A pusher-js client pointed at the embedded server. Its authorizer calls the server SDK's
 * authorizeChannel, exactly what the app's /pusher/auth route will do.
 */
export function createClient(port: number, options: ClientOptions = {}): PusherClient {
  const signer = serverSdk(port, { secret: options.authSecret });
  return new PusherClient(APP.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: port,
    wssPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          const presenceData = channelName.startsWith('presence-') ? options.presence : undefined;
          callback(null, signer.authorizeChannel(socketId, channelName, presenceData));
        } catch (err) {
          callback(err as Error, null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        try {
          if (!options.user) throw new Error('this test client has no user to sign in');
          callback(null, signer.authenticateUser(socketId, options.user));
        } catch (err) {
          callback(err as Error, null);
        }
      },
    },
  });
}

export function connected(client: PusherClient): Promise<string> {
  return within(
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const state = client.connection.state;
        if (state === 'connected') resolve(client.connection.socket_id);
        if (state === 'failed' || state === 'unavailable') {
          reject(new Error(`pusher-js connection went ${state}`));
        }
      };
      client.connection.bind('state_change', check);
      check();
    }),
    'pusher-js to connect',
  );
}

/** Subscribes and resolves with the subscription_succeeded payload; rejects on an error. */
export function subscribe<C extends Channel = Channel>(
  client: PusherClient,
  name: string,
): Promise<{ channel: C; data: unknown }> {
  const channel = client.subscribe(name) as C;
  return within(
    new Promise((resolve, reject) => {
      channel.bind('pusher:subscription_succeeded', (data: unknown) => resolve({ channel, data }));
      channel.bind('pusher:subscription_error', (error: unknown) =>
        reject(new Error(`subscription to ${name} failed: ${JSON.stringify(error)}`)),
      );
    }),
    `subscription to ${name}`,
  );
}

/** The next occurrence of `event` on a channel, with pusher-js's metadata argument. */
export function nextEvent(
  channel: Channel,
  event: string,
): Promise<{ data: unknown; metadata: { user_id?: string } }> {
  return within(
    new Promise((resolve) => {
      const handler = (data: unknown, metadata: { user_id?: string }) => {
        channel.unbind(event, handler);
        resolve({ data, metadata });
      };
      channel.bind(event, handler);
    }),
    `${event} on ${channel.name}`,
  );
}

export interface ReceivedFrame {
  event: string;
  channel?: string;
  data: unknown;
  user_id?: string;
}

/**
 * Everything a pusher-js connection decodes, internal events included, kept in order.
 * Negative assertions ("never received X") are made after a sentinel event proves that
 * everything the server sent earlier has arrived.
 */
export class FrameRecorder {
  readonly frames: ReceivedFrame[] = [];
  private waiters: Array<{ match: (f: ReceivedFrame) => boolean; resolve: (f: ReceivedFrame) => void }> =
    [];

  constructor(client: PusherClient) {
    client.connection.bind('message', (frame: ReceivedFrame) => {
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  /** Resolves with the first frame (already seen or future) that matches. */
  waitFor(match: (f: ReceivedFrame) => boolean, label: string): Promise<ReceivedFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return within(new Promise((resolve) => this.waiters.push({ match, resolve })), label);
  }

  /** Resolves once `n` matching frames have been received in total. */
  waitForCount(match: (f: ReceivedFrame) => boolean, n: number, label: string): Promise<ReceivedFrame> {
    let seen = 0;
    return this.waitFor((f) => match(f) && ++seen >= n, label);
  }

  count(match: (f: ReceivedFrame) => boolean): number {
    return this.frames.filter(match).length;
  }
}

/** A ping answered means the server has handled everything this client sent before it. */
export async function roundTrip(client: PusherClient, recorder: FrameRecorder): Promise<void> {
  const isPong = (f: ReceivedFrame) => f.event === 'pusher:pong';
  const before = recorder.count(isPong);
  client.send_event('pusher:ping', {});
  await recorder.waitForCount(isPong, before + 1, 'pong after ping');
}

let sentinelSeq = 0;

/**
 * Triggers a marker event through the HTTP API and waits until `recorder` has it. The
 * server writes frames to one socket in order, so anything it sent before is now received.
 */
export async function flush(
  sdk: PusherServer,
  recorder: FrameRecorder,
  channel: string,
): Promise<void> {
  const marker = `sentinel-${++sentinelSeq}`;
  await sdk.trigger(channel, 'test-sentinel', { marker });
  await recorder.waitFor(
    (f) => f.event === 'test-sentinel' && (f.data as { marker?: string })?.marker === marker,
    `sentinel ${marker} on ${channel}`,
  );
}

/** Polls a condition the server exposes (e.g. via its HTTP API) until it holds. */
export async function eventually(condition: () => Promise<boolean>, label: string, ms = WAIT_MS): Promise<void> {
  await waitFor(label, condition, ms);
}

export function disconnectAll(clients: PusherClient[]): void {
  for (const client of clients.splice(0)) client.disconnect();
}

/** Raw protocol client, only for edge cases the SDKs never produce. */
export class RawSocket {
  /** Frames exactly as received, before any decoding. */
  readonly raw: string[] = [];
  readonly messages: Array<{ event: string; channel?: string; data: unknown }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<{ match: (m: { event: string; data: unknown }) => boolean; resolve: (m: { event: string; data: unknown }) => void }> = [];

  constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    ws.on('message', (raw) => {
      this.raw.push(raw.toString());
      const message = JSON.parse(raw.toString()) as { event: string; channel?: string; data: unknown };
      if (typeof message.data === 'string') {
        try {
          message.data = JSON.parse(message.data);
        } catch {
          // plain string data stays a string
        }
      }
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  static open(port: number, path: string): RawSocket {
    return new RawSocket(new WebSocket(`ws://127.0.0.1:${port}${path}`));
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Resolves with the `nth` message of this event (counting ones already received). */
  waitFor(event: string, label = event, nth = 1): Promise<{ event: string; data: unknown }> {
    let seen = 0;
    const match = (m: { event: string }) => m.event === event && ++seen >= nth;
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return within(new Promise((resolve) => this.waiters.push({ match, resolve })), label);
  }

  close(): void {
    this.ws.close();
  }
}
