import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * Identifiers shaped like the real platforms' ones, so code that stores or pattern-matches
 * them (column widths, prefixes, LINE's id formats) meets the same shapes as in production.
 */

export function fbtraceId(): string {
  return randomBytes(9).toString('base64url');
}

/** Messenger message id: Send API answers and webhooks use "m_…". */
export function messengerMessageId(): string {
  return `m_${randomBytes(48).toString('base64url')}`;
}

/** Instagram message id: a base64 blob starting "aWdfZAG" (it decodes to "ig_d…"). */
export function instagramMessageId(): string {
  return `aWdfZAG1faXRlbToxOklH${randomBytes(36).toString('base64url')}`;
}

/** An Instagram-scoped user id (IGSID): 16–17 digits. */
export function instagramScopedId(): string {
  return `17${Array.from(randomBytes(15), (b) => String(b % 10)).join('')}`;
}

/** WhatsApp message id: "wamid." then a long base64 blob (starting HBgL for phone numbers). */
export function whatsappMessageId(): string {
  return `wamid.HBgL${randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'A')}`;
}

/** A Graph media id: a 15–16 digit number as a string. */
export function graphMediaId(): string {
  // randomInt's range is capped at 2^48, so build the 16 digits from two draws.
  return String(randomInt(1e7, 9e7)) + String(randomInt(0, 1e8)).padStart(8, '0');
}

/** LINE message ids are 18-digit decimal strings. */
export function lineMessageId(): string {
  return String(randomInt(1, 10)) + String(randomInt(0, 1e8)).padStart(8, '0') + String(randomInt(0, 1e9)).padStart(9, '0');
}

export function lineQuoteToken(): string {
  return randomBytes(48).toString('base64url');
}

/** LINE reply tokens are 32 lowercase hex characters. */
export function lineReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/** LINE user ids: "U" + 32 hex; groups use "C", rooms "R". */
export function lineUserId(prefix: 'U' | 'C' | 'R' = 'U'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** LINE's x-line-request-id values are UUIDs. */
export function requestId(): string {
  return randomUUID();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (LINE's webhookEventId format): 10 chars of millisecond time + 16 random, Crockford base32. */
export function ulid(time: number = Date.now()): string {
  let timePart = '';
  let t = Math.max(0, Math.floor(time));
  for (let i = 0; i < 10; i++) {
    timePart = CROCKFORD[t % 32] + timePart;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let randomPart = '';
  for (let i = 0; i < 16; i++) randomPart += CROCKFORD[random[i] % 32];
  return timePart + randomPart;
}

/** An X snowflake id (user, DM event, media): 19 digits, only ever handled as a string. */
export function xSnowflake(): string {
  return String(randomInt(1, 10)) + String(randomInt(0, 1e9)).padStart(9, '0') + String(randomInt(0, 1e9)).padStart(9, '0');
}
