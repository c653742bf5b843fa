import { bytesEqual, hmacSha256 } from '../shared/crypto';

// A SHA-256 digest in standard base64 is always 43 characters and one "=".
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** x-line-signature = base64(HMAC-SHA256(channel secret, raw body)), compared as bytes like the SDK. */
export function verifyLineSignature(rawBody: Buffer, headers: Headers, channelSecret: string): boolean {
  const header = headers.get('x-line-signature');
  // Node's base64 decoder skips junk characters, so the format is checked first.
  if (!channelSecret || !header || !BASE64_SHA256.test(header)) return false;
  return bytesEqual(Buffer.from(header, 'base64'), hmacSha256(channelSecret, rawBody));
}
