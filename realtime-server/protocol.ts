import { randomInt } from 'node:crypto';

/** Pusher Channels protocol 7 constants and frame shapes. */

export const PROTOCOL_VERSION = 7;

/**
 * Close codes. The range tells pusher-js what to do next (protocol.ts getCloseAction):
 * 4001–4099 refuse, 4100–4199 back off, 4200–4299 reconnect at once, ≥ 4300 refuse.
 */
export const CloseCode = {
  AppNotFound: 4001,
  PathNotFound: 4005,
  InvalidVersion: 4006,
  UnsupportedProtocol: 4007,
  NoProtocol: 4008,
  Unauthorized: 4009,
  OverCapacity: 4100,
  ServerClosing: 4200,
  PongNotReceived: 4201,
  ClientEventRateLimit: 4301,
} as const;

/**
 * The codes of refusals that keep the connection open, as soketi and Pusher give them: in a
 * `pusher:subscription_error`'s `status` (a presence channel full, member data too large, a
 * channel name too long) and a refused client event's `pusher:error` `code`.
 */
export const LimitCode = {
  ChannelNameTooLong: 4009,
  PresenceChannelFull: 4100,
  PresenceMemberTooLarge: 4301,
  ClientEventRefused: 4301,
} as const;

/**
 * Serialises a server→client frame. `data` objects are JSON-encoded into a string (the
 * protocol's double encoding); strings are relayed untouched, as they were received.
 */
export function encodeFrame(
  event: string,
  data?: unknown,
  channel?: string,
  extra?: { user_id?: string },
): string {
  const frame: Record<string, unknown> = { event };
  if (channel !== undefined) frame.channel = channel;
  if (data !== undefined) frame.data = typeof data === 'string' ? data : JSON.stringify(data);
  if (extra?.user_id !== undefined) frame.user_id = extra.user_id;
  return JSON.stringify(frame);
}

/**
 * Control frames whose `data` the spec shows as a plain object (`pusher:ping`/`pong`,
 * `pusher:error`, `pusher:subscription_error`); pusher-js reads either form.
 */
export function encodeControl(event: string, data: object, channel?: string): string {
  return JSON.stringify(channel === undefined ? { event, data } : { event, channel, data });
}

/**
 * `code: null` marks an error that does not close the connection. With a channel, pusher-js
 * also hands it to that channel's `pusher:error` handlers.
 */
export function encodeError(code: number | null, message: string, channel?: string): string {
  return encodeControl('pusher:error', { code, message }, channel);
}

/**
 * WebSocket close reasons are capped at 123 bytes and `ws` throws beyond that; messages
 * may quote client input (an app key from the URL), so keep them short and ASCII.
 */
export function closeReason(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

/** `^\d+\.\d+$` is required: pusher-http-node rejects any other socket id. */
export function generateSocketId(): string {
  return `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
}

export const SOCKET_ID = /^\d+\.\d+$/;

export interface ClientFrame {
  event: string;
  channel?: string;
  data: unknown;
}

/** Parses an incoming text frame; null when it is not a Pusher event at all. */
export function parseClientFrame(text: string): ClientFrame | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { event, channel, data } = parsed as Record<string, unknown>;
  if (typeof event !== 'string') return null;
  return {
    event,
    channel: typeof channel === 'string' ? channel : undefined,
    data: normaliseData(data),
  };
}

/** Some clients double-encode `data` on the way in too; accept both forms. */
function normaliseData(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    const decoded: unknown = JSON.parse(data);
    return typeof decoded === 'object' && decoded !== null ? decoded : data;
  } catch {
    return data;
  }
}

export type HandshakeResult =
  | { ok: true }
  | { ok: false; code: number; message: string };

/**
 * Checks the upgrade URL `…/app/{key}?protocol=7…`. A path prefix is allowed because
 * pusher-js puts its `wsPath` option in front of `/app/`.
 */
export function checkHandshake(url: string, appKey: string): HandshakeResult {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));

  const match = /\/app\/([^/]+)\/?$/.exec(path);
  if (!match) return { ok: false, code: CloseCode.PathNotFound, message: 'Path not found' };

  let key: string;
  try {
    key = decodeURIComponent(match[1]);
  } catch {
    key = match[1];
  }
  if (key !== appKey) {
    return { ok: false, code: CloseCode.AppNotFound, message: `App key ${key} does not exist` };
  }

  const protocol = query.get('protocol');
  if (protocol === null || protocol === '') {
    return { ok: false, code: CloseCode.NoProtocol, message: 'No protocol version supplied' };
  }
  if (!/^\d+$/.test(protocol)) {
    return { ok: false, code: CloseCode.InvalidVersion, message: 'Invalid version string format' };
  }
  if (Number(protocol) !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: CloseCode.UnsupportedProtocol,
      message: `Unsupported protocol version ${protocol}; this server speaks ${PROTOCOL_VERSION}`,
    };
  }
  return { ok: true };
}
