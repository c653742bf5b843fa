import { bytesEqual, hmacSha256 } from '../shared/crypto';

// X's Account Activity API signs with the app's consumer secret ("API Key Secret"): the CRC
// answer and every POST's x-twitter-webhooks-signature are sha256=<base64 HMAC-SHA256>.

export function xSignatureOf(consumerSecret: string, message: Buffer | string): string {
  return `sha256=${hmacSha256(consumerSecret, message).toString('base64')}`;
}

/** The CRC challenge (GET ?crc_token=…): the JSON body X expects within 3 s, or null (→ 403). */
export function xCrcResponse(params: URLSearchParams, consumerSecret: string): string | null {
  const token = params.get('crc_token');
  if (!consumerSecret || !token) return null;
  return JSON.stringify({ response_token: xSignatureOf(consumerSecret, token) });
}

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** x-twitter-webhooks-signature on the exact raw bytes, compared in constant time. */
export function verifyXSignature(rawBody: Buffer, headers: Headers, consumerSecret: string): boolean {
  if (!consumerSecret) return false;
  const header = headers.get('x-twitter-webhooks-signature');
  if (!header?.startsWith('sha256=')) return false;
  const candidate = header.slice('sha256='.length);
  if (!BASE64_SHA256.test(candidate)) return false;
  return bytesEqual(Buffer.from(candidate, 'base64'), hmacSha256(consumerSecret, rawBody));
}
