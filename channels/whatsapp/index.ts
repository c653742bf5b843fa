import { WHATSAPP_AUDIO } from '../shared/audio';
import type { ChannelAdapter } from '../adapter';
import { verifyMetaHandshake, verifyMetaSignature } from '../shared/meta';
import { whatsAppAccountIds } from './accounts';
import { WHATSAPP_LIMITS } from './build';
import { downloadWhatsAppMedia } from './media';
import { parseWhatsAppWebhook } from './parse';
import { markWhatsAppAsRead, sendWhatsApp } from './send';
import { whatsAppReplyWindow } from './window';

export { markWhatsAppAsRead as markAsRead };

export const whatsappAdapter: ChannelAdapter<'whatsapp'> = {
  kind: 'whatsapp',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'template', 'product', 'article'],
    maxTextLength: WHATSAPP_LIMITS.text,
    maxQuickReplies: WHATSAPP_LIMITS.quickReplies,
    audio: WHATSAPP_AUDIO,
  },
  verifySignature: (rawBody, headers, credentials) => verifyMetaSignature(rawBody, headers, credentials.appSecret),
  verifyHandshake: (params, credentials) => verifyMetaHandshake(params, credentials.verifyToken),
  parseWebhook: parseWhatsAppWebhook,
  accountIds: whatsAppAccountIds,
  send: sendWhatsApp,
  markAsRead: markWhatsAppAsRead,
  replyWindow: whatsAppReplyWindow,
  downloadMedia: downloadWhatsAppMedia,
};
