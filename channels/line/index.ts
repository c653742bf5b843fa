import { LINE_AUDIO } from '../shared/audio';
import type { ChannelAdapter } from '../adapter';
import { lineAccountIds } from './accounts';
import { LINE_LIMITS } from './build';
import { downloadLineMedia } from './media';
import { parseLineWebhook } from './parse';
import { fetchLineProfile } from './profile';
import { sendLine } from './send';
import { verifyLineSignature } from './signature';
import { lineReplyWindow } from './window';

export const lineAdapter: ChannelAdapter<'line'> = {
  kind: 'line',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article'],
    maxTextLength: LINE_LIMITS.text,
    maxQuickReplies: LINE_LIMITS.quickReplies,
    audio: LINE_AUDIO,
  },
  verifySignature: (rawBody, headers, credentials) => verifyLineSignature(rawBody, headers, credentials.channelSecret),
  parseWebhook: parseLineWebhook,
  accountIds: lineAccountIds,
  send: sendLine,
  replyWindow: lineReplyWindow,
  fetchProfile: fetchLineProfile,
  downloadMedia: downloadLineMedia,
};
