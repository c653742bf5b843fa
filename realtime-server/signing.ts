import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC helpers for the Pusher protocol (the Pusher Channels protocol).
 * Everything here is pure so test vectors can pin it down (tests/integration/realtime/signing.test.ts).
 */

/** The Pusher rule: API requests signed more than this far from now are refused. */
export const API_TIMESTAMP_WINDOW_SECONDS = 600;

export interface AppCredentials {
  key: string;
  secret: string;
}

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export function md5Hex(body: string | Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

/**
 * Constant-time string comparison. Lengths are compared first: every value compared here
 * has a public, fixed length (hex digests), so the length itself leaks nothing.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/** `socket_id:channel[:channel_data]`; channel_data is signed as the exact string received. */
export function channelAuthSignature(
  secret: string,
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  const parts = [socketId, channel];
  if (channelData !== undefined) parts.push(channelData);
  return hmacSha256Hex(secret, parts.join(':'));
}

/** The `auth` value a client sends in `pusher:subscribe`: `key:hex`. */
export function channelAuthToken(
  app: AppCredentials,
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  return `${app.key}:${channelAuthSignature(app.secret, socketId, channel, channelData)}`;
}

export function verifyChannelAuth(
  app: AppCredentials,
  socketId: string,
  channel: string,
  auth: unknown,
  channelData?: string,
): boolean {
  if (typeof auth !== 'string') return false;
  return safeEqual(auth, channelAuthToken(app, socketId, channel, channelData));
}

/** User sign-in (§5.5): `socket_id::user::user_data`. */
export function userAuthToken(app: AppCredentials, socketId: string, userData: string): string {
  return `${app.key}:${hmacSha256Hex(app.secret, `${socketId}::user::${userData}`)}`;
}

export function verifyUserAuth(
  app: AppCredentials,
  socketId: string,
  auth: unknown,
  userData: string,
): boolean {
  if (typeof auth !== 'string') return false;
  return safeEqual(auth, userAuthToken(app, socketId, userData));
}

/**
 * `METHOD\npath\nk=v&k=v` with keys sorted and values NOT escaped: this mirrors what
 * pusher-http-node signs (lib/requests.js), which is what a server must rebuild.
 */
export function apiStringToSign(
  method: string,
  path: string,
  params: Readonly<Record<string, string>>,
): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return `${method.toUpperCase()}\n${path}\n${query}`;
}

export function apiRequestSignature(
  secret: string,
  method: string,
  path: string,
  params: Readonly<Record<string, string>>,
): string {
  return hmacSha256Hex(secret, apiStringToSign(method, path, params));
}

/**
 * Splits a raw query string into decoded values. `+` is kept literally on purpose: the SDK
 * signs values unescaped, so a `+` it sent is a plus, never an encoded space.
 */
export function parseQueryString(rawQuery: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null);
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    params[decodeLoosely(rawKey)] = decodeLoosely(rawValue);
  }
  return params;
}

function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray `%` that is not an escape: the SDK sent it raw and signed it raw.
    return value;
  }
}

export type ApiAuthResult = { ok: true } | { ok: false; reason: string };

export interface ApiRequestToVerify {
  method: string;
  /** The raw request path, exactly as it arrived (no decoding, no query). */
  path: string;
  /** Decoded query parameters, including the auth_* ones. */
  query: Readonly<Record<string, string>>;
  body: Buffer;
  nowSeconds?: number;
}

/** Server side of the HTTP API signature check (soketi `signingTokenFromRequest` semantics). */
export function verifyApiRequest(app: AppCredentials, request: ApiRequestToVerify): ApiAuthResult {
  const { auth_key, auth_timestamp, auth_version, auth_signature, body_md5 } = request.query;
  if (!auth_key || !auth_timestamp || !auth_signature) {
    return { ok: false, reason: 'Missing auth_key, auth_timestamp or auth_signature' };
  }
  if (auth_version !== '1.0') return { ok: false, reason: 'Unsupported auth_version' };
  if (!safeEqual(auth_key, app.key)) return { ok: false, reason: 'Unknown auth_key' };

  if (!/^\d+$/.test(auth_timestamp)) return { ok: false, reason: 'Invalid auth_timestamp' };
  const now = request.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(auth_timestamp)) > API_TIMESTAMP_WINDOW_SECONDS) {
    return { ok: false, reason: 'Timestamp expired: check your clock' };
  }

  // The md5 is recomputed from the bytes received, so a body swapped in transit fails here.
  if (request.body.length > 0 || body_md5 !== undefined) {
    if (body_md5 === undefined || !safeEqual(body_md5, md5Hex(request.body))) {
      return { ok: false, reason: 'body_md5 does not match the request body' };
    }
  }

  const signed: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.query)) {
    if (k !== 'auth_signature') signed[k] = v;
  }
  const expected = apiRequestSignature(app.secret, request.method, request.path, signed);
  if (!safeEqual(auth_signature, expected)) {
    return { ok: false, reason: 'Invalid signature: the secret authentication failed' };
  }
  return { ok: true };
}
