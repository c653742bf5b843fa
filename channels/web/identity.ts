import { hexDigestMatches, hmacSha256 } from '../shared/crypto';

/**
 * identifier_hash = hex HMAC-SHA256(key = the channel's hmac token, msg = identifier),
 * computed by the shop's backend so the key never reaches a browser.
 */
export function computeIdentityHash(identifier: string, hmacToken: string): string {
  return hmacSha256(hmacToken, identifier).toString('hex');
}

export function verifyIdentityHash(identifier: string, hash: string, hmacToken: string): boolean {
  if (!hmacToken || !identifier) return false;
  return hexDigestMatches(hash, hmacSha256(hmacToken, identifier));
}
