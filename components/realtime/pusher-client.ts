import Pusher, { type ChannelAuthorizationCallback } from 'pusher-js';
import type { RealtimeClientConfig } from '@/lib/config';

// The one pusher-js setup, for the inbox (a signed-in agent) and the website widget (a
// visitor): where the browser reaches the realtime server and how channels are authorized.

type ChannelAuthorizationData = NonNullable<Parameters<ChannelAuthorizationCallback>[1]>;

/** How private channels are authorized: the app's endpoints (cookies), or the caller's own request. */
export type RealtimeAuthorization =
  | { channelEndpoint: string; userEndpoint?: string }
  | { authorize(socketId: string, channelName: string): Promise<ChannelAuthorizationData> };

function isLoopback(host: string | undefined) {
  return !host || host === '127.0.0.1' || host === 'localhost' || host === '0.0.0.0';
}

/**
 * Where the browser opens the socket. The embedded server listens beside the app, on a
 * loopback address the server was told: reach it on the host the page came from.
 */
function socketHost(config: RealtimeClientConfig): { wsHost: string; wsPort?: number; wssPort?: number } | null {
  if (!config.wsHost) return null;
  const wsHost = isLoopback(config.wsHost) ? window.location.hostname : config.wsHost;
  return { wsHost, wsPort: config.wsPort, wssPort: config.wsPort };
}

function channelAuthorization(authorization: RealtimeAuthorization) {
  if (!('authorize' in authorization)) return { endpoint: authorization.channelEndpoint, transport: 'ajax' as const };
  const { authorize } = authorization;
  return {
    endpoint: '/unused',
    transport: 'ajax' as const,
    customHandler: ({ socketId, channelName }: { socketId: string; channelName: string }, callback: ChannelAuthorizationCallback) => {
      authorize(socketId, channelName).then(
        (auth) => callback(null, auth),
        (error: Error) => callback(error, null),
      );
    },
  };
}

/** A new pusher-js client (it connects at once); the caller disconnects it when done. */
export function createPusherClient(config: RealtimeClientConfig, authorization: RealtimeAuthorization): Pusher {
  const userEndpoint = 'userEndpoint' in authorization ? authorization.userEndpoint : undefined;
  return new Pusher(config.key, {
    cluster: config.cluster,
    ...socketHost(config),
    forceTLS: config.forceTLS,
    enabledTransports: ['ws', 'wss'],
    channelAuthorization: channelAuthorization(authorization),
    ...(userEndpoint ? { userAuthentication: { endpoint: userEndpoint, transport: 'ajax' as const } } : {}),
  });
}
