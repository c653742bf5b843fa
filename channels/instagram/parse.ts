import type { MessageReference, ParseResult } from '../types';
import { rec, str, type Json } from '../shared/json';
import { parseMetaMessaging, type MetaDialect } from '../shared/meta-messaging-parse';

/** Only http(s) links are kept: they are shown to agents as "Open story" / "Open post". */
function httpUrl(value: unknown): string | undefined {
  const url = str(value);
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function reference(kind: MessageReference['kind'], payload: Json): MessageReference {
  const url = httpUrl(payload.url);
  const title = str(payload.title);
  return { kind, ...(url ? { url } : {}), ...(title ? { title } : {}) };
}

/**
 * Instagram's own attachments: a story mentioning the shop, and shared posts and reels
 * (since November 2025 a shared post comes as both `share` and `ig_post`).
 */
function instagramAttachment(type: string, payload: Json): { reference: MessageReference; text: string } | undefined {
  switch (type) {
    case 'story_mention':
      return { reference: reference('story_mention', payload), text: 'Mentioned you in their story' };
    case 'ig_post':
    case 'share':
      return { reference: reference('share', payload), text: 'Shared a post' };
    case 'ig_reel':
    case 'reel':
      return { reference: reference('share', payload), text: 'Shared a reel' };
    default:
      return undefined;
  }
}

/** A reply to the shop's story: reply_to.story {id, url}. */
function storyReply(message: Json): MessageReference | undefined {
  const story = rec(rec(message.reply_to)?.story);
  return story ? reference('story_reply', story) : undefined;
}

const INSTAGRAM: MetaDialect = {
  object: 'instagram',
  label: 'Instagram',
  idPrefix: 'instagram',
  attachment: instagramAttachment,
  replyReference: storyReply,
  messageChanges: true,
};

/** Instagram entries (`object: "instagram"`): messaging[] and standby[], as on Messenger, with IGSIDs. */
export function parseInstagramWebhook(rawBody: string): ParseResult {
  return parseMetaMessaging(rawBody, INSTAGRAM);
}
