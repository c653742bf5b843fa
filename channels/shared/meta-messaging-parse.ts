import type { InboundMedia, MediaKind, MessageReference, NormalizedContent, NormalizedEvent, NotificationOptin, ParseResult } from '../types';
import { stableId } from './ids';
import { arr, fromMillis, num, parseJson, rec, str, type Json } from './json';

// Messenger and Instagram Direct share the Messenger Platform's webhook: entries of
// messaging[] (we own the thread) and standby[] (another app does: record, don't reply), with
// the same message, postback, receipt and echo events. A dialect says what differs.

const MEDIA_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', file: 'file' };

/** What one platform adds to the shared message shape. */
export type MetaDialect = {
  /** The webhook's `object`: 'page' for Messenger, 'instagram' for Instagram. */
  object: string;
  /** The platform's name in descriptions ("Unsupported Instagram attachment …"). */
  label: string;
  /** Prefix of derived ids, so two platforms' ids never collide. */
  idPrefix: string;
  /** An attachment type of this platform only (story mention, shared post): a reference with a text, or undefined. */
  attachment?(type: string, payload: Json, attachment: Json): { reference: MessageReference; text: string } | undefined;
  /** The message the customer answered besides a message (Instagram: a story). */
  replyReference?(message: Json): MessageReference | undefined;
  /** Reactions and unsent messages become their own events (shown on the message they concern). */
  messageChanges?: boolean;
  /** A `messaging_optins` event this platform reads (Messenger's notification opt-ins), or undefined. */
  optin?(item: Json): NotificationOptin | undefined;
};

export function parseMetaMessaging(rawBody: string, dialect: MetaDialect): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const body = rec(parsed.value);
  if (!body || body.object !== dialect.object || !Array.isArray(body.entry)) {
    return { ok: false, error: `Not a ${dialect.label} webhook: expected {"object":"${dialect.object}","entry":[…]}` };
  }
  const events: NormalizedEvent[] = [];
  for (const rawEntry of body.entry) {
    const entry = rec(rawEntry);
    if (!entry) continue;
    const entryTime = fromMillis(entry.time);
    for (const item of arr(entry.messaging)) events.push(...safeParse(item, false, entryTime, dialect));
    for (const item of arr(entry.standby)) events.push(...safeParse(item, true, entryTime, dialect));
  }
  return { ok: true, events };
}

function safeParse(item: unknown, standby: boolean, fallbackTime: Date | undefined, dialect: MetaDialect): NormalizedEvent[] {
  try {
    return parseMessaging(item, standby, fallbackTime, dialect);
  } catch (error) {
    return [
      {
        type: 'unsupported',
        eventId: stableId(dialect.idPrefix, item),
        timestamp: fallbackTime ?? new Date(),
        description: `Could not read this ${dialect.label} event: ${(error as Error).message}`,
        raw: item,
      },
    ];
  }
}

// Long: one branch per kind of messaging event, each short; splitting would scatter the shared shape.
function parseMessaging(rawItem: unknown, standby: boolean, fallbackTime: Date | undefined, dialect: MetaDialect): NormalizedEvent[] {
  const item = rec(rawItem);
  if (!item) throw new Error('not an object');
  const senderId = str(rec(item.sender)?.id);
  const recipientId = str(rec(item.recipient)?.id);
  const timestamp = fromMillis(item.timestamp) ?? fallbackTime ?? new Date();
  const sender = senderId ? { externalId: senderId } : undefined;

  const message = rec(item.message);
  if (message) {
    const mid = str(message.mid) ?? stableId(`${dialect.idPrefix}:mid`, item);
    if (dialect.messageChanges && message.is_deleted === true && message.is_echo !== true) {
      if (!sender) throw new Error('deletion without sender.id');
      return [{ type: 'deletion', targetExternalId: mid, sender, timestamp, raw: item }];
    }
    const { content, leftovers, reference: attachmentReference } = messageContent(message, dialect);
    const reference = dialect.replyReference?.(message) ?? attachmentReference;
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
        ...(reference ? { reference } : {}),
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

  const optin = item.optin ? dialect.optin?.(item) : undefined;
  if (optin) {
    if (!sender) throw new Error('optin without sender.id');
    return [{ type: 'optin', sender, timestamp, optin, raw: item }];
  }

  const reaction = rec(item.reaction);
  if (dialect.messageChanges && reaction && sender && str(reaction.mid)) {
    const emoji = reaction.action === 'unreact' ? null : (str(reaction.emoji) ?? str(reaction.reaction) ?? null);
    return [{ type: 'reaction', targetExternalId: str(reaction.mid)!, sender, emoji, timestamp, raw: item }];
  }

  return [
    { type: 'unsupported', eventId: stableId(dialect.idPrefix, item), sender, timestamp, description: describeOther(item, dialect), raw: item },
  ];
}

type Content = { content: NormalizedContent; leftovers: string[]; reference?: MessageReference };

// Long: sorts a message's attachments into media, locations, the dialect's own and the rest; one pass.
function messageContent(message: Json, dialect: MetaDialect): Content {
  const text = str(message.text);
  const quickReplyPayload = str(rec(message.quick_reply)?.payload);
  const stickerId = message.sticker_id;
  const media: InboundMedia[] = [];
  const locations: Extract<NormalizedContent, { kind: 'location' }>[] = [];
  const unsupported: string[] = [];
  let own: { reference: MessageReference; text: string } | undefined;

  for (const raw of arr(message.attachments)) {
    const attachment = rec(raw) ?? {};
    const type = str(attachment.type) ?? 'unknown';
    const payload = rec(attachment.payload) ?? {};
    const url = str(payload.url);
    const coordinates = rec(payload.coordinates);
    const dialectOwn = dialect.attachment?.(type, payload, attachment);
    if (dialectOwn) {
      // One reference per message: a post shared now comes both as `share` and `ig_post`.
      own ??= dialectOwn;
    } else if (MEDIA_TYPES[type]) {
      const isSticker = type === 'image' && (payload.sticker_id !== undefined || stickerId !== undefined);
      media.push({ kind: isSticker ? 'sticker' : MEDIA_TYPES[type], ...(url ? { url } : {}) });
    } else if (type === 'location' && coordinates && num(coordinates.lat) !== undefined && num(coordinates.long) !== undefined) {
      const name = str(attachment.title);
      locations.push({ kind: 'location', latitude: num(coordinates.lat)!, longitude: num(coordinates.long)!, ...(name ? { name } : {}) });
    } else {
      const title = str(attachment.title);
      unsupported.push(
        [`Unsupported ${dialect.label} attachment (${type})`, title, url].filter(Boolean).join(': '),
      );
    }
  }

  const reference = own?.reference;
  if (message.is_unsupported === true && !text && !media.length) {
    return { content: { kind: 'unsupported', description: `${dialect.label} cannot show this message here; open the app to see it` }, leftovers: [] };
  }
  if (media.length) {
    const leftovers = [...locations.map(describeLocation), ...unsupported];
    return { content: { kind: 'media', media, ...(text ? { caption: text } : {}) }, leftovers, reference };
  }
  if (own && text === undefined) return { content: { kind: 'text', text: own.text }, leftovers: unsupported, reference };
  if (locations.length) {
    const leftovers = [...locations.slice(1).map(describeLocation), ...unsupported];
    if (text) leftovers.unshift(`Text sent with the location: ${text}`);
    return { content: locations[0], leftovers };
  }
  if (text !== undefined) {
    return {
      content: { kind: 'text', text, ...(quickReplyPayload !== undefined ? { payload: quickReplyPayload } : {}) },
      leftovers: unsupported,
      reference,
    };
  }
  if (unsupported.length) return { content: { kind: 'unsupported', description: unsupported[0] }, leftovers: unsupported.slice(1) };
  return { content: { kind: 'unsupported', description: `Empty ${dialect.label} message` }, leftovers: [] };
}

function describeLocation(l: { latitude: number; longitude: number; name?: string }): string {
  return `Location: ${[l.name, `${l.latitude}, ${l.longitude}`].filter(Boolean).join(' ')}`;
}

function describeOther(item: Json, dialect: MetaDialect): string {
  const reaction = rec(item.reaction);
  if (reaction) {
    const emoji = str(reaction.emoji) ?? str(reaction.reaction) ?? '';
    return reaction.action === 'unreact' ? 'Removed a reaction' : `Reacted ${emoji} to a message`.replace('  ', ' ');
  }
  const referral = rec(item.referral);
  if (referral) return `Opened the conversation from ${str(referral.source) ?? 'a link'}${str(referral.ref) ? ` (ref ${str(referral.ref)})` : ''}`;
  if (item.optin) return 'Opted in to messages';
  const key = Object.keys(item).find((k) => !['sender', 'recipient', 'timestamp'].includes(k)) ?? 'unknown';
  return `Unsupported ${dialect.label} event (${key})`;
}
