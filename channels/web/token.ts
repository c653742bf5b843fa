import { bytesEqual, hmacSha256 } from '../shared/crypto';
import { DAY_MS } from '../shared/window';

/** The widget visitor's credential (Chatwoot keeps its equivalent for 180 days). */
export const VISITOR_TOKEN_TTL_SECONDS = (180 * DAY_MS) / 1000;

export type VisitorClaims = { channelId: string; visitorId: string; iat: number; exp: number };

export type VisitorTokenResult =
  | { ok: true; claims: VisitorClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function sign(signingInput: string, secret: string): Buffer {
  return hmacSha256(secret, signingInput);
}

/** A compact HS256 JWT. iat/exp are Unix seconds; by default now and now + 180 days. */
export function signVisitorToken(
  claims: { channelId: string; visitorId: string; iat?: number; exp?: number },
  secret: string,
): string {
  if (!secret) throw new Error('A secret is required to sign visitor tokens');
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  const payload: VisitorClaims = {
    channelId: claims.channelId,
    visitorId: claims.visitorId,
    iat,
    exp: claims.exp ?? iat + VISITOR_TOKEN_TTL_SECONDS,
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${sign(signingInput, secret).toString('base64url')}`;
}

/** The signature is checked before the payload is trusted; only HS256 is accepted (no "alg":"none"). */
export function verifyVisitorToken(token: string, secret: string, now: Date = new Date()): VisitorTokenResult {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (!secret || parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts;
  const alg = (readJson(header) as { alg?: unknown } | undefined)?.alg;
  if (alg !== 'HS256') return { ok: false, reason: 'malformed' };
  if (!bytesEqual(Buffer.from(signature, 'base64url'), sign(`${header}.${payload}`, secret))) {
    return { ok: false, reason: 'bad_signature' };
  }
  const claims = readJson(payload) as Partial<VisitorClaims> | undefined;
  if (
    typeof claims?.channelId !== 'string' ||
    typeof claims.visitorId !== 'string' ||
    typeof claims.iat !== 'number' ||
    typeof claims.exp !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { channelId: claims.channelId, visitorId: claims.visitorId, iat: claims.iat, exp: claims.exp } };
}

function readJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
