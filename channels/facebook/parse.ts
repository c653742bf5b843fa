import type { InboundMedia, MediaKind, NormalizedContent, NormalizedEvent, ParseResult } from '../types';
import { stableId } from '../shared/ids';
import { arr, fromMillis, num, parseJson, rec, str, type Json } from '../shared/json';

const MEDIA_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', file: 'file' };

/** Page entries: messaging[] (we own the thread) and standby[] (another app does: record, don't reply). */
export function parseMessengerWebhook(rawBody: string): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const body = rec(parsed.value);
  if (!body || body.object !== 'page' || !Array.isArray(body.entry)) {
    return { ok: false, error: 'Not a Messenger webhook: expected {"object":"page","entry":[…]}' };
  }
  const events: NormalizedEvent[] = [];
  for (const rawEntry of body.entry) {
    const entry = rec(rawEntry);
    if (!entry) continue;
    const entryTime = fromMillis(entry.time);
    for (const item of arr(entry.messaging)) events.push(...safeParse(item, false, entryTime));
    for (const item of arr(entry.standby)) events.push(...safeParse(item, true, entryTime));
  }
  return { ok: true, events };
}

function safeParse(item: unknown, standby: boolean, fallbackTime: Date | undefined): NormalizedEvent[] {
  try {
    return parseMessaging(item, standby, fallbackTime);
  } catch (error) {
    return [
      {
        type: 'unsupported',
        eventId: stableId('facebook', item),
        timestamp: fallbackTime ?? new Date(),
        description: `Could not read this Messenger event: ${(error as Error).message}`,
        raw: item,
      },
    ];
  }
}

function parseMessaging(rawItem: unknown, standby: boolean, fallbackTime: Date | undefined): NormalizedEvent[] {
  const item = rec(rawItem);
  if (!item) throw new Error('not an object');
  const senderId = str(rec(item.sender)?.id);
  const recipientId = str(rec(item.recipient)?.id);
  const timestamp = fromMillis(item.timestamp) ?? fallbackTime ?? new Date();
  const sender = senderId ? { externalId: senderId } : undefined;

  const message = rec(item.message);
  if (message) {
    const mid = str(message.mid) ?? stableId('facebook:mid', item);
    const { content, leftovers } = messageContent(message);
    if (message.is_echo === true) {
      if (!recipientId) throw new Error('echo without recipient.id');
      // Leftover parts of our own outbound message need no separate visibility.
      return [{ type: 'echo', externalMessageId: mid, recipient: { externalId: recipientId }, timestamp, content, raw: item }];
    }
    if (!sender) throw new Error('message without sender.id');
    const replyTo = str(rec(message.reply_to)?.mid);
    const events: NormalizedEvent[] = [
      {
        type: 'message',
        externalMessageId: mid,
        sender,
        timestamp,
        content,
        ...(replyTo ? { replyToExternalId: replyTo } : {}),
        ...(standby ? { standby } : {}),
        raw: item,
      },
    ];
    leftovers.forEach((description, i) =>
      events.push({ type: 'unsupported', eventId: `${mid}:part${i + 1}`, sender, timestamp, description, raw: item }),
    );
    return events;
  }

  const postback = rec(item.postback);
  if (postback) {
    if (!sender) throw new Error('postback without sender.id');
    const payload = str(postback.payload) ?? '';
    return [
      {
        type: 'message',
        // Older postbacks carry no mid; sender + time is unique enough and stable across redeliveries.
        externalMessageId: str(postback.mid) ?? `postback:${sender.externalId}:${timestamp.getTime()}`,
        sender,
        timestamp,
        content: { kind: 'postback', title: str(postback.title) ?? payload, payload },
        ...(standby ? { standby } : {}),
        raw: item,
      },
    ];
  }

  for (const key of ['delivery', 'read'] as const) {
    const receipt = rec(item[key]);
    if (!receipt) continue;
    const watermark = fromMillis(receipt.watermark);
    if (!senderId || !watermark) throw new Error(`${key} without sender.id or watermark`);
    const mids = arr(receipt.mids).filter((m): m is string => typeof m === 'string');
    return [
      {
        type: 'watermark',
        status: key === 'delivery' ? 'delivered' : 'read',
        // The customer is the one who received/read what the page sent.
        recipientExternalId: senderId,
        watermark,
        ...(mids.length ? { externalMessageIds: mids } : {}),
        raw: item,
      },
    ];
  }

  return [
    { type: 'unsupported', eventId: stableId('facebook', item), sender, timestamp, description: describeOther(item), raw: item },
  ];
}

function messageContent(message: Json): { content: NormalizedContent; leftovers: string[] } {
  const text = str(message.text);
  const quickReplyPayload = str(rec(message.quick_reply)?.payload);
  const stickerId = message.sticker_id;
  const media: InboundMedia[] = [];
  const locations: Extract<NormalizedContent, { kind: 'location' }>[] = [];
  const unsupported: string[] = [];

  for (const raw of arr(message.attachments)) {
    const attachment = rec(raw) ?? {};
    const type = str(attachment.type) ?? 'unknown';
    const payload = rec(attachment.payload) ?? {};
    const url = str(payload.url);
    const coordinates = rec(payload.coordinates);
    if (MEDIA_TYPES[type]) {
      const isSticker = type === 'image' && (payload.sticker_id !== undefined || stickerId !== undefined);
      media.push({ kind: isSticker ? 'sticker' : MEDIA_TYPES[type], ...(url ? { url } : {}) });
    } else if (type === 'location' && coordinates && num(coordinates.lat) !== undefined && num(coordinates.long) !== undefined) {
      const name = str(attachment.title);
      locations.push({ kind: 'location', latitude: num(coordinates.lat)!, longitude: num(coordinates.long)!, ...(name ? { name } : {}) });
    } else {
      const title = str(attachment.title);
      unsupported.push(
        [`Unsupported Messenger attachment (${type})`, title, url].filter(Boolean).join(': '),
      );
    }
  }

  if (media.length) {
    const leftovers = [...locations.map(describeLocation), ...unsupported];
    return { content: { kind: 'media', media, ...(text ? { caption: text } : {}) }, leftovers };
  }
  if (locations.length) {
    const leftovers = [...locations.slice(1).map(describeLocation), ...unsupported];
    if (text) leftovers.unshift(`Text sent with the location: ${text}`);
    return { content: locations[0], leftovers };
  }
  if (text !== undefined) {
    return {
      content: { kind: 'text', text, ...(quickReplyPayload !== undefined ? { payload: quickReplyPayload } : {}) },
      leftovers: unsupported,
    };
  }
  if (unsupported.length) return { content: { kind: 'unsupported', description: unsupported[0] }, leftovers: unsupported.slice(1) };
  return { content: { kind: 'unsupported', description: 'Empty Messenger message' }, leftovers: [] };
}

function describeLocation(l: { latitude: number; longitude: number; name?: string }): string {
  return `Location: ${[l.name, `${l.latitude}, ${l.longitude}`].filter(Boolean).join(' ')}`;
}

function describeOther(item: Json): string {
  const reaction = rec(item.reaction);
  if (reaction) {
    const emoji = str(reaction.emoji) ?? str(reaction.reaction) ?? '';
    return reaction.action === 'unreact' ? 'Removed a reaction' : `Reacted ${emoji} to a message`.replace('  ', ' ');
  }
  const referral = rec(item.referral);
  if (referral) return `Opened the conversation from ${str(referral.source) ?? 'a link'}${str(referral.ref) ? ` (ref ${str(referral.ref)})` : ''}`;
  if (item.optin) return 'Opted in to messages';
  const key = Object.keys(item).find((k) => !['sender', 'recipient', 'timestamp'].includes(k)) ?? 'unknown';
  return `Unsupported Messenger event (${key})`;
}
