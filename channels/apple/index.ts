import type { ChannelAdapter } from '../adapter';
import { APPLE_AUDIO } from '../shared/audio';
import { APPLE_LIMITS, APPLE_MEDIA_LIMITS } from './constants';
import { decodeAppleBody } from './body';
import { verifyAppleJwt } from './jwt';
import { downloadAppleMedia } from './media';
import { appleAccountIds, parseAppleWebhook } from './parse';
import { sendApple } from './send';

/**
 * Apple Messages for Business through the MSP REST interface: Apple's gateway posts gzipped
 * messages with an HS256 JWT (audience: our MSP id), and messages go out to its /message
 * endpoint with one signed the same way. Only the customer can start a conversation; once
 * they have, the business may answer at any time.
 */
export const appleAdapter: ChannelAdapter<'apple'> = {
  kind: 'apple',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article'],
    maxTextLength: APPLE_LIMITS.text,
    maxQuickReplies: APPLE_LIMITS.listItems,
    mediaLimits: APPLE_MEDIA_LIMITS,
    audio: APPLE_AUDIO,
  },
  verifySignature: (_rawBody, headers, credentials) => verifyAppleJwt(headers.get('authorization'), credentials.mspId, credentials.secret),
  decodeBody: decodeAppleBody,
  parseWebhook: parseAppleWebhook,
  accountIds: appleAccountIds,
  send: sendApple,
  replyWindow: () => ({ state: 'open', closesAt: null }),
  downloadMedia: downloadAppleMedia,
};
