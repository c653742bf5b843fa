import PusherServer from 'pusher';
import PusherClient, { type Channel } from 'pusher-js';

// pusher-js clients for the realtime benchmarks, authorized the way the app's
// /api/realtime/auth route does it: the server SDK's authorizeChannel with the app secret.

export type PusherApp = { appId: string; key: string; secret: string; port: number; host?: string };

export function serverSdk(app: PusherApp): PusherServer {
  return new PusherServer({ appId: app.appId, key: app.key, secret: app.secret, host: app.host ?? '127.0.0.1', port: String(app.port), useTLS: false });
}

export function agentClient(app: PusherApp, signer: PusherServer = serverSdk(app)): PusherClient {
  return new PusherClient(app.key, {
    cluster: 'mt1',
    wsHost: app.host ?? '127.0.0.1',
    wsPort: app.port,
    wssPort: app.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          callback(null, signer.authorizeChannel(socketId, channelName));
        } catch (err) {
          callback(err as Error, null);
        }
      },
    },
  });
}

export function connected(client: PusherClient, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pusher-js did not connect (state ${client.connection.state})`)), timeoutMs);
    const check = () => {
      const state = client.connection.state;
      if (state === 'connected') {
        clearTimeout(timer);
        resolve();
      }
      if (state === 'failed' || state === 'unavailable') {
        clearTimeout(timer);
        reject(new Error(`pusher-js connection went ${state}`));
      }
    };
    client.connection.bind('state_change', check);
    check();
  });
}

export function subscribed(client: PusherClient, name: string, timeoutMs = 15_000): Promise<Channel> {
  const channel = client.subscribe(name);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subscription to ${name} timed out`)), timeoutMs);
    channel.bind('pusher:subscription_succeeded', () => {
      clearTimeout(timer);
      resolve(channel);
    });
    channel.bind('pusher:subscription_error', (e: unknown) => {
      clearTimeout(timer);
      reject(new Error(`subscription to ${name} failed: ${JSON.stringify(e)}`));
    });
  });
}
