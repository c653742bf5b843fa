/** Options of the embedded server and the defaults that make it behave like Pusher. */

export interface PusherServerOptions {
  appId: string;
  key: string;
  secret: string;
  /** Interface to bind; default 127.0.0.1 so a dev machine does not expose it. */
  host?: string;
  /** 0 picks a free port (tests); the bound port is returned by startPusherServer. */
  port?: number;
  /** Sent in the handshake; the server pings a socket that stayed silent this long. */
  activityTimeoutSeconds?: number;
  /** How long to wait for `pusher:pong` before closing with 4201 (protocol recommends 30). */
  pongTimeoutSeconds?: number;
  /**
   * Channels on which clients may send `client-*` events, as name prefixes
   * (e.g. `presence-conversation-`). Default: none, as on a new Pusher app, so a signed-in
   * browser cannot inject events into channels that only the server should write to.
   * Only private and presence channels qualify, whatever is listed.
   */
  clientEventChannelPrefixes?: readonly string[];
  maxPresenceMembers?: number;
  maxPresenceUserInfoBytes?: number;
  /** Limit on event `data`, for both the HTTP API (413) and client events. */
  maxPayloadBytes?: number;
  log?: (msg: string) => void;
}

export interface ServerConfig {
  appId: string;
  key: string;
  secret: string;
  host: string;
  port: number;
  activityTimeoutSeconds: number;
  pongTimeoutSeconds: number;
  clientEventChannelPrefixes: readonly string[];
  maxPresenceMembers: number;
  maxPresenceUserInfoBytes: number;
  maxPayloadBytes: number;
  /** Client events per connection per second (Pusher's fixed limit). */
  clientEventsPerSecond: number;
  /** HTTP API request bodies above this are refused before parsing. */
  maxHttpBodyBytes: number;
  log: (msg: string) => void;
}

export function resolveConfig(options: PusherServerOptions): ServerConfig {
  for (const field of ['appId', 'key', 'secret'] as const) {
    if (typeof options[field] !== 'string' || options[field] === '') {
      throw new Error(`startPusherServer: "${field}" must be a non-empty string`);
    }
  }
  const config: ServerConfig = {
    appId: options.appId,
    key: options.key,
    secret: options.secret,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    activityTimeoutSeconds: options.activityTimeoutSeconds ?? 30,
    pongTimeoutSeconds: options.pongTimeoutSeconds ?? 30,
    clientEventChannelPrefixes: [...(options.clientEventChannelPrefixes ?? [])],
    maxPresenceMembers: options.maxPresenceMembers ?? 100,
    maxPresenceUserInfoBytes: options.maxPresenceUserInfoBytes ?? 2048,
    maxPayloadBytes: options.maxPayloadBytes ?? 10240,
    clientEventsPerSecond: 10,
    maxHttpBodyBytes: 1024 * 1024,
    log: options.log ?? (() => {}),
  };
  // pusher-js refuses a handshake whose activity_timeout is 0 or missing.
  for (const field of [
    'activityTimeoutSeconds',
    'pongTimeoutSeconds',
    'maxPresenceMembers',
    'maxPresenceUserInfoBytes',
    'maxPayloadBytes',
  ] as const) {
    if (!Number.isFinite(config[field]) || config[field] <= 0) {
      throw new Error(`startPusherServer: "${field}" must be a positive number`);
    }
  }
  if (config.clientEventChannelPrefixes.some((p) => typeof p !== 'string' || p === '')) {
    throw new Error('startPusherServer: "clientEventChannelPrefixes" must list non-empty prefixes');
  }
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new Error('startPusherServer: "port" must be an integer between 0 and 65535');
  }
  return config;
}
