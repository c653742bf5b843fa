import { MESSENGER_AUDIO } from '../shared/audio';
import type { ChannelAdapter } from '../adapter';
import { verifyMetaHandshake, verifyMetaSignature } from '../shared/meta';
import { messengerAccountIds } from './accounts';
import { MESSENGER_LIMITS } from './build';
import { downloadMessengerMedia } from './media';
import { parseMessengerWebhook } from './parse';
import { fetchMessengerProfile } from './profile';
import { sendMessenger } from './send';
import { messengerReplyWindow } from './window';

export const facebookAdapter: ChannelAdapter<'facebook'> = {
  kind: 'facebook',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article', 'optin_request'],
    maxTextLength: MESSENGER_LIMITS.text,
    maxQuickReplies: MESSENGER_LIMITS.quickReplies,
    audio: MESSENGER_AUDIO,
  },
  verifySignature: (rawBody, headers, credentials) => verifyMetaSignature(rawBody, headers, credentials.appSecret),
  verifyHandshake: (params, credentials) => verifyMetaHandshake(params, credentials.verifyToken),
  parseWebhook: parseMessengerWebhook,
  accountIds: messengerAccountIds,
  send: sendMessenger,
  replyWindow: messengerReplyWindow,
  fetchProfile: fetchMessengerProfile,
  downloadMedia: (media, _credentials, _api, options) => downloadMessengerMedia(media, options),
};
