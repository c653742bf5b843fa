import { createHash } from 'node:crypto';

/**
 * A dedupe id for events that carry none of their own. Derived from the event's content,
 * so a redelivery of the same event yields the same id.
 */
export function stableId(prefix: string, raw: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex');
  return `${prefix}:${digest.slice(0, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * LINE only accepts a UUID as X-Line-Retry-Key. Our idempotency keys are message uuids, but
 * if one is not, map it deterministically so retries of the same message still share a key.
 */
export function toUuid(key: string): string {
  if (UUID.test(key)) return key.toLowerCase();
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
