import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: string, message: Buffer | string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

/** Constant-time for equal lengths; different lengths are refused up front (length is not secret). */
export function bytesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Compare a hex digest someone sent us against the one we computed. */
export function hexDigestMatches(candidate: string | null | undefined, expected: Buffer): boolean {
  if (!candidate || !HEX_SHA256.test(candidate)) return false;
  return bytesEqual(Buffer.from(candidate, 'hex'), expected);
}

/** Constant-time string comparison for shared secrets such as verify tokens. */
export function stringsEqual(a: string, b: string): boolean {
  return bytesEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
