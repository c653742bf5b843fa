import type { ChannelAdapter } from '../adapter';
import { X_LIMITS, X_MEDIA_LIMITS } from './limits';
import { downloadXMedia } from './media';
import { parseXWebhook, xAccountIds } from './parse';
import { sendX } from './send';
import { verifyXSignature, xCrcResponse } from './signature';

/**
 * X (Twitter) direct messages through the Account Activity API: the CRC challenge and the
 * webhook signature with the app's consumer secret, DMs sent with the account's OAuth 2.0
 * user token. X has no reply window for DMs: a customer who wrote can be answered any time
 * (while they accept DMs from the account, which X's answer tells).
 */
export const xAdapter: ChannelAdapter<'x'> = {
  kind: 'x',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article'],
    maxTextLength: X_LIMITS.text,
    maxQuickReplies: X_LIMITS.quickReplies,
    mediaLimits: X_MEDIA_LIMITS,
  },
  verifySignature: (rawBody, headers, credentials) => verifyXSignature(rawBody, headers, credentials.consumerSecret),
  verifyHandshake: (params, credentials) => xCrcResponse(params, credentials.consumerSecret),
  handshakeContentType: 'application/json',
  parseWebhook: parseXWebhook,
  accountIds: xAccountIds,
  send: sendX,
  replyWindow: () => ({ state: 'open', closesAt: null }),
  downloadMedia: downloadXMedia,
};
