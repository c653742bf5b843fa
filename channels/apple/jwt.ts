import { createHmac } from 'node:crypto';
import { bytesEqual } from '../shared/crypto';

// Apple's MSP REST interface authenticates both ways with an HS256 JWT whose key is the
// secret passphrase Apple Business Register gives, base64-DECODED (Apple's sample code does
// so; signing with the passphrase as text, as some libraries do, is refused by Apple).

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The key bytes: the passphrase is base64; an empty or undecodable one gives no key. */
export function appleKey(secretBase64: string): Buffer | null {
  const trimmed = secretBase64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length ? key : null;
}

function sign(key: Buffer, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

/** The outbound token: header {"alg":"HS256"}, claims {iss: MSP id, iat}, as Apple's sample builds it. */
export function appleOutboundJwt(mspId: string, secretBase64: string, now = Date.now()): string {
  const key = appleKey(secretBase64);
  if (!key) throw new Error('The Apple secret is not base64');
  const input = `${b64url(JSON.stringify({ alg: 'HS256' }))}.${b64url(JSON.stringify({ iss: mspId, iat: Math.floor(now / 1000) }))}`;
  return `${input}.${b64url(sign(key, input))}`;
}

/** Seconds of clock difference tolerated on exp and nbf. */
const LEEWAY_S = 60;

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Apple's inbound token (Authorization: Bearer …): HS256 only, the signature compared in
 * constant time, the audience the MSP id (Apple's sample verifies audience = MSP_ID), and
 * exp/nbf when present.
 */
export function verifyAppleJwt(authorization: string | null, mspId: string, secretBase64: string, now = Date.now()): boolean {
  const key = appleKey(secretBase64);
  if (!key || !mspId || !authorization) return false;
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!match) return false;
  const [, head, body, signature] = match;
  const header = decodeJson(head!);
  if (header?.alg !== 'HS256') return false;
  if (!bytesEqual(Buffer.from(signature!, 'base64url'), sign(key, `${head}.${body}`))) return false;
  const claims = decodeJson(body!);
  if (!claims) return false;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(mspId)) return false;
  const seconds = now / 1000;
  if (typeof claims.exp === 'number' && claims.exp + LEEWAY_S < seconds) return false;
  if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_S > seconds) return false;
  return true;
}

/** Signs arbitrary claims: what Apple's gateway (and the fake one) sends inbound. */
export function signAppleClaims(claims: Record<string, unknown>, secretBase64: string): string {
  const key = appleKey(secretBase64);
  if (!key) throw new Error('The Apple secret is not base64');
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign(key, input))}`;
}
