import { createHmac } from 'node:crypto';
import { stringsEqual } from '@/channels/shared/crypto';
import { getConfig } from '@/lib/config';

// Public, expiring links to stored files, for the messaging platforms that fetch outbound
// media from a URL (Messenger, WhatsApp, LINE) and cannot sign in. The link carries its
// expiry and an HMAC over (file id, expiry) with a key derived from AUTH_SECRET, so it
// cannot be forged or extended, and nothing new has to be configured.

/** Long enough for retries and for LINE, whose apps load the image when the chat is opened. */
export const SIGNED_FILE_TTL_SECONDS = 7 * 24 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('baton:files:public-link').digest();
}

/** The signature of one file until one expiry (unix seconds), under a secret. */
export function fileLinkSignature(secret: string, fileId: string, expiresAt: number): string {
  return createHmac('sha256', linkKey(secret)).update(`${fileId.toLowerCase()}.${expiresAt}`).digest('base64url');
}

export type SignedLinkCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'bad_signature' };

/** Constant-time check of a link's `exp` and `sig` for a file, at `now`. */
export function checkFileLinkSignature(
  secret: string,
  fileId: string,
  exp: string | null,
  sig: string | null,
  now: Date = new Date(),
): SignedLinkCheck {
  if (!exp && !sig) return { ok: false, reason: 'missing' };
  if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig) || !UUID.test(fileId)) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = Number(exp);
  const expected = fileLinkSignature(secret, fileId, expiresAt);
  // Signature first (constant time), then expiry: both must hold.
  if (!stringsEqual(sig, expected)) return { ok: false, reason: 'bad_signature' };
  if (expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** `{origin}/api/files/{id}?exp=…&sig=…`: absolute, so a platform can fetch it. */
export function signedFileUrl(
  fileId: string,
  options: { origin: string; now?: Date; ttlSeconds?: number; secret?: string },
): string {
  const secret = options.secret ?? getConfig().AUTH_SECRET;
  const now = options.now ?? new Date();
  const expiresAt = Math.floor(now.getTime() / 1000) + (options.ttlSeconds ?? SIGNED_FILE_TTL_SECONDS);
  const origin = new URL(options.origin).origin;
  const id = fileId.toLowerCase();
  return `${origin}/api/files/${id}?exp=${expiresAt}&sig=${fileLinkSignature(secret, id, expiresAt)}`;
}

/** Checks a link with the app's own secret. */
export function verifySignedFileLink(fileId: string, exp: string | null, sig: string | null, now?: Date): SignedLinkCheck {
  return checkFileLinkSignature(getConfig().AUTH_SECRET, fileId, exp, sig, now);
}

export { ownFileId } from './file-links';
