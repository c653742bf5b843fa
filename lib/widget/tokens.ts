import { createHmac } from 'node:crypto';
import { signVisitorToken, verifyVisitorToken } from '@/channels/web';
import { stringsEqual } from '@/channels/shared/crypto';
import { getConfig } from '@/lib/config';

// Two server-only keys, both derived from AUTH_SECRET so nothing new has to be configured:
// one signs visitor tokens, one signs widget file links. Neither is the channel's hmac
// token, which the shop's backend holds (it could otherwise mint tokens for any visitor).

function derivedKey(purpose: string): string {
  return createHmac('sha256', getConfig().AUTH_SECRET).update(`baton:widget:${purpose}`).digest('base64url');
}

/**
 * What a token lets its holder do. 'visitor': everything the visitor does in the chat (it
 * stays in the widget's iframe). 'recording': only upload the visit's recording; the loader
 * on the shop's page holds it, so scripts of that page cannot read the visitor's chat.
 */
export type VisitorTokenPurpose = 'visitor' | 'recording';

const purposeKeys: Record<VisitorTokenPurpose, string> = { visitor: 'visitor-token', recording: 'recording-token' };

export function issueVisitorToken(channelId: string, visitorId: string, purpose: VisitorTokenPurpose = 'visitor'): string {
  return signVisitorToken({ channelId, visitorId }, derivedKey(purposeKeys[purpose]));
}

/** The visitor id in a token, if the token is valid (signature checked in constant time) and for this channel and purpose. */
export function readVisitorToken(token: string | null | undefined, channelId: string, purpose: VisitorTokenPurpose = 'visitor'): string | null {
  if (!token) return null;
  const result = verifyVisitorToken(token, derivedKey(purposeKeys[purpose]));
  if (!result.ok) return null;
  return stringsEqual(result.claims.channelId, channelId) ? result.claims.visitorId : null;
}

/** A capability for one stored file of one channel, so <img src> works without headers. */
export function fileSignature(channelId: string, fileId: string): string {
  return createHmac('sha256', derivedKey('file-link')).update(`${channelId}:${fileId}`).digest('base64url');
}

export function fileSignatureValid(channelId: string, fileId: string, signature: string | null): boolean {
  return Boolean(signature) && stringsEqual(signature!, fileSignature(channelId, fileId));
}

export function widgetFileUrl(channelToken: string, channelId: string, fileId: string): string {
  return `/api/widget/${encodeURIComponent(channelToken)}/files/${fileId}?sig=${fileSignature(channelId, fileId)}`;
}
