import { INSTAGRAM_AUDIO } from '../shared/audio';
import type { ChannelAdapter } from '../adapter';
import { messengerAccountIds } from '../facebook/accounts';
import { downloadMessengerMedia } from '../facebook/media';
import { sendApiMessage } from '../facebook/send';
import { sendApiReplyWindow } from '../facebook/window';
import { verifyMetaHandshake, verifyMetaSignature } from '../shared/meta';
import { INSTAGRAM_MAX_QUICK_REPLIES, INSTAGRAM_MEDIA_LIMITS, INSTAGRAM_PROFILE } from './limits';
import { parseInstagramWebhook } from './parse';
import { fetchInstagramProfile } from './profile';

/**
 * Instagram Direct through the Messenger Platform: Meta's signature and handshake, the
 * Send API's body and reply window (24 h, then HUMAN_AGENT for 7 days) as on Messenger;
 * its own webhook object, attachments, limits and profile fields.
 */
export const instagramAdapter: ChannelAdapter<'instagram'> = {
  kind: 'instagram',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article'],
    maxTextLength: INSTAGRAM_PROFILE.text,
    maxQuickReplies: INSTAGRAM_MAX_QUICK_REPLIES,
    mediaLimits: INSTAGRAM_MEDIA_LIMITS,
    audio: INSTAGRAM_AUDIO,
  },
  verifySignature: (rawBody, headers, credentials) => verifyMetaSignature(rawBody, headers, credentials.appSecret),
  verifyHandshake: (params, credentials) => verifyMetaHandshake(params, credentials.verifyToken),
  parseWebhook: parseInstagramWebhook,
  // entry[].id is the Instagram account (or its Page) the events are addressed to.
  accountIds: messengerAccountIds,
  send: (message, ctx, credentials, api, options) => sendApiMessage(message, ctx, credentials.accessToken, api, INSTAGRAM_PROFILE, options),
  replyWindow: (last, now) => sendApiReplyWindow('Instagram', 'an account', last, now),
  fetchProfile: fetchInstagramProfile,
  downloadMedia: (media, _credentials, _api, options) => downloadMessengerMedia(media, options, 'Instagram'),
};
