import type { InboundMedia, NormalizedContent, NormalizedEvent, ParseResult, Sender } from '../types';
import { stableId } from '../shared/ids';
import { arr, fromMillis, parseJson, rec, str, type Json } from '../shared/json';

// The Account Activity API's delivery: {for_user_id, direct_message_events[], users{}, …} in
// the v1.1 object shape. IDs are 64-bit: only their string forms are read, never numbers.


/** X escapes &, < and > in DM text as HTML entities; Baton shows text as text. */
function unescapeText(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function senderOf(id: string, users: Json | undefined): Sender {
  const user = rec(users?.[id]);
  const name = str(user?.name)?.trim() || (str(user?.screen_name) ? `@${str(user?.screen_name)}` : undefined);
  const avatarUrl = str(user?.profile_image_url_https);
  return { externalId: id, ...(name ? { name } : {}), ...(avatarUrl && /^https:\/\//i.test(avatarUrl) ? { avatarUrl } : {}) };
}

function mediaOf(attachment: Json | undefined): InboundMedia | undefined {
  const media = rec(attachment?.media);
  if (str(attachment?.type) !== 'media' || !media) return undefined;
  const type = str(media.type);
  if (type === 'video' || type === 'animated_gif') {
    // The highest-bitrate MP4 variant; a GIF arrives as a looping MP4.
    const variants = arr(rec(media.video_info)?.variants)
      .map(rec)
      .filter((v): v is Json => !!v && str(v.content_type) === 'video/mp4' && !!str(v.url))
      .sort((a, b) => Number(b.bitrate ?? 0) - Number(a.bitrate ?? 0));
    const url = str(variants[0]?.url) ?? str(media.media_url_https);
    return url ? { kind: 'video', url, mimeType: 'video/mp4' } : undefined;
  }
  const url = str(media.media_url_https);
  return url ? { kind: 'image', url } : undefined;
}

/** Drops the t.co link X appends to a text for its attachment. */
function textWithoutMediaLink(text: string, attachment: Json | undefined): string {
  const link = str(rec(attachment?.media)?.url);
  return link ? text.replace(link, '').trim() : text;
}

function contentOf(data: Json): NormalizedContent {
  const attachment = rec(data.attachment);
  const text = unescapeText(textWithoutMediaLink(str(data.text) ?? '', attachment));
  const media = mediaOf(attachment);
  if (media) return { kind: 'media', media: [media], ...(text ? { caption: text } : {}) };
  if (attachment) return { kind: 'unsupported', description: `Unsupported X attachment (${str(attachment.type) ?? 'unknown'})` };
  const reply = rec(data.quick_reply_response);
  const metadata = str(reply?.metadata);
  if (metadata) return { kind: 'text', text, payload: metadata };
  return { kind: 'text', text };
}

function messageEvent(item: Json, forUserId: string, users: Json | undefined): NormalizedEvent[] {
  const id = str(item.id);
  const create = rec(item.message_create);
  const senderId = str(create?.sender_id);
  const timestamp = fromMillis(item.created_timestamp) ?? new Date();
  if (str(item.type) !== 'message_create' || !id || !create || !senderId) {
    return [
      {
        type: 'unsupported',
        eventId: id ? `x:${id}` : stableId('x', item),
        ...(senderId ? { sender: senderOf(senderId, users) } : {}),
        timestamp,
        description: `Unsupported X direct message event (${str(item.type) ?? 'unknown'})`,
        raw: item,
      },
    ];
  }
  // The account's own DMs (sent from Baton or from X itself) come back too: not the customer's.
  if (senderId === forUserId) return [];
  return [{ type: 'message', externalMessageId: id, sender: senderOf(senderId, users), timestamp, content: contentOf(rec(create.message_data) ?? {}), raw: item }];
}

/** The customer read the account's DMs up to now (last_read_event_id is the newest they saw). */
function readEvent(item: Json, forUserId: string): NormalizedEvent[] {
  const reader = str(item.sender_id);
  const watermark = fromMillis(item.created_timestamp);
  if (!reader || reader === forUserId || !watermark) return [];
  const last = str(item.last_read_event_id);
  return [{ type: 'watermark', status: 'read', recipientExternalId: reader, watermark, ...(last ? { externalMessageIds: [last] } : {}), raw: item }];
}

/** The customer started typing to the account (X sends no "stopped": the inbox lets it lapse). */
function typingEvent(item: Json, forUserId: string, users: Json | undefined): NormalizedEvent[] {
  const typist = str(item.sender_id);
  if (!typist || typist === forUserId) return [];
  return [{ type: 'typing', sender: senderOf(typist, users), timestamp: fromMillis(item.created_timestamp) ?? new Date(), raw: item }];
}

/** Direct message events of one Account Activity delivery; other activity (posts, likes, follows) carries none. */
export function parseXWebhook(rawBody: string): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const body = rec(parsed.value);
  const forUserId = str(body?.for_user_id);
  if (!body || !forUserId) return { ok: false, error: 'Not an X Account Activity webhook: expected {"for_user_id":"…", …}' };
  const users = rec(body.users);
  const events: NormalizedEvent[] = [];
  for (const raw of arr(body.direct_message_events)) {
    const item = rec(raw);
    if (item) events.push(...messageEvent(item, forUserId, users));
  }
  for (const raw of arr(body.direct_message_mark_read_events)) {
    const item = rec(raw);
    if (item) events.push(...readEvent(item, forUserId));
  }
  for (const raw of arr(body.direct_message_indicate_typing_events)) {
    const item = rec(raw);
    if (item) events.push(...typingEvent(item, forUserId, users));
  }
  return { ok: true, events };
}

/** The subscribed account a delivery is for (for_user_id), so one meant for another account is refused. */
export function xAccountIds(rawBody: string): string[] {
  const parsed = parseJson(rawBody);
  const id = parsed.ok ? str(rec(parsed.value)?.for_user_id) : undefined;
  return id ? [id] : [];
}

