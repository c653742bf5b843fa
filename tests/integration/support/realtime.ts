import Pusher from 'pusher-js';
import { resetConfigForTests } from '@/lib/config';
import { clientEventChannelPrefixes } from '@/lib/realtime/channels';
import { startPusherServer } from '@/realtime-server';

/**
 * Starts the embedded Pusher-protocol server on a free port and points the app's
 * config (and so lib/realtime's `pusher` SDK client) at it.
 */
export async function startTestRealtime() {
  const credentials = { appId: '424242', key: 'it-key', secret: 'it-secret' };
  // Configured as the app's own embedded server is (launcher/prepare.ts).
  const server = await startPusherServer({ ...credentials, port: 0, clientEventChannelPrefixes });
  Object.assign(process.env, {
    PUSHER_APP_ID: credentials.appId,
    PUSHER_KEY: credentials.key,
    PUSHER_SECRET: credentials.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(server.port),
    PUSHER_USE_TLS: 'false',
  });
  resetConfigForTests();

  const clients: Pusher[] = [];
  /** A real pusher-js client whose channel authorization goes through `authorize`. */
  function connect(authorize: (socketId: string, channelName: string) => Promise<{ auth: string; channel_data?: string } | { error: string }>) {
    const client = new Pusher(credentials.key, {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: server.port,
      wssPort: server.port,
      forceTLS: false,
      enabledTransports: ['ws'],
      channelAuthorization: {
        endpoint: '/unused',
        transport: 'ajax',
        customHandler: ({ socketId, channelName }, callback) => {
          authorize(socketId, channelName).then(
            (result) => ('error' in result ? callback(new Error(result.error), null) : callback(null, result)),
            (error: Error) => callback(error, null),
          );
        },
      },
    });
    clients.push(client);
    return client;
  }

  return {
    server,
    connect,
    async close() {
      for (const c of clients) c.disconnect();
      await server.close();
    },
  };
}

/** Resolves with the first emission of `event`, or fails clearly after `ms`. */
export function nextEvent<T = unknown>(
  target: { bind(event: string, fn: (data: T) => void): unknown; unbind(event: string, fn: (data: T) => void): unknown },
  event: string,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.unbind(event, handler);
      reject(new Error(`Timed out after ${ms} ms waiting for "${event}"`));
    }, ms);
    const handler = (data: T) => {
      clearTimeout(timer);
      target.unbind(event, handler);
      resolve(data);
    };
    target.bind(event, handler);
  });
}
