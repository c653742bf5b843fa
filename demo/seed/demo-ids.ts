import { createHash } from 'node:crypto';
import type { ChannelKind } from '@/db/schema';

// Every platform id in the demo is derived from a readable seed string, so the demo shop
// looks the same after each reset (same PSIDs, same wamids) without Math.random.

function stream(seed: string, bytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < bytes; i++) {
    parts.push(createHash('sha256').update(`${seed}#${i}`).digest());
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

export function hexId(seed: string, length: number): string {
  return stream(seed, Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** A numeric id of exactly `length` digits that never starts with 0 (PSIDs, page ids). */
export function digitId(seed: string, length: number): string {
  const out = Array.from(stream(seed, length), (b) => String(b % 10));
  if (out[0] === '0') out[0] = '1';
  return out.join('');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Looks like a platform access token: long, mixed case, no punctuation. */
export function tokenId(seed: string, length: number): string {
  return Array.from(stream(seed, length), (b) => ALNUM[b % ALNUM.length]).join('');
}

export const pagePsid = (seed: string) => digitId(`psid:${seed}`, 16);
export const lineUserId = (seed: string) => `U${hexId(`line-user:${seed}`, 32)}`;
export const visitorId = (seed: string) => `v_${hexId(`visitor:${seed}`, 20)}`;

/**
 * The id each platform gives a message, in its own format. The website widget's own
 * outbound messages have none (we are the platform), so they get null.
 */
export function messageExternalId(
  kind: ChannelKind,
  seed: string,
  direction: 'inbound' | 'outbound',
): string | null {
  switch (kind) {
    case 'facebook':
      return `m_${tokenId(`mid:${seed}`, 43)}`;
    case 'instagram':
      return `aWdfZAG1faXRlbToxOklH${tokenId(`igmid:${seed}`, 40)}`;
    case 'whatsapp':
      return `wamid.HBgL${Buffer.from(hexId(`wamid:${seed}`, 48), 'hex').toString('base64')}`;
    case 'line':
      return `4${digitId(`line-msg:${seed}`, 17)}`;
    case 'x':
      return digitId(`x-dm:${seed}`, 19);
    case 'apple':
      return hexId(`apple-msg:${seed}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    case 'web':
      return direction === 'inbound' ? `wm_${hexId(`web-msg:${seed}`, 24)}` : null;
  }
}
