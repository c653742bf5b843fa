import type { InboundMedia, MediaKind, NormalizedContent, NormalizedEvent, ParseResult, Sender } from '../types';
import { stableId } from '../shared/ids';
import { fromMillis, num, parseJson, rec, str, type Json } from '../shared/json';

const MEDIA_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', file: 'file' };

export function stickerUrl(stickerId: string): string {
  return `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}

/** An empty events[] is the console's "Verify" button: ok, nothing to do. */
export function parseLineWebhook(rawBody: string): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const body = rec(parsed.value);
  if (!body || !Array.isArray(body.events)) return { ok: false, error: 'Not a LINE webhook: expected {"destination":…,"events":[…]}' };
  return { ok: true, events: body.events.map(safeParse) };
}

function safeParse(raw: unknown): NormalizedEvent {
  try {
    return parseEvent(raw);
  } catch (error) {
    return {
      type: 'unsupported',
      eventId: str(rec(raw)?.webhookEventId) ?? stableId('line', raw),
      timestamp: fromMillis(rec(raw)?.timestamp) ?? new Date(),
      description: `Could not read this LINE event: ${(error as Error).message}`,
      raw,
    };
  }
}

function parseEvent(raw: unknown): NormalizedEvent {
  const event = rec(raw);
  if (!event) throw new Error('not an object');
  const type = str(event.type) ?? 'unknown';
  const timestamp = fromMillis(event.timestamp) ?? new Date();
  const sender = senderOf(event);
  const eventId = str(event.webhookEventId) ?? stableId('line', event);
  const replyToken = str(event.replyToken);
  const extras = {
    ...(replyToken ? { replyToken } : {}),
    // Another module holds chat control: keep the event, but nothing may answer it.
    ...(event.mode === 'standby' ? { standby: true } : {}),
  };

  if (type === 'message' && sender) {
    const message = rec(event.message);
    const id = str(message?.id);
    if (!message || !id) throw new Error('message event without message.id');
    const quoted = str(message.quotedMessageId);
    return {
      type: 'message',
      externalMessageId: id,
      sender,
      timestamp,
      content: messageContent(message),
      ...(quoted ? { replyToExternalId: quoted } : {}),
      ...extras,
      raw: event,
    };
  }
  if (type === 'postback' && sender) {
    const postback = rec(event.postback) ?? {};
    const data = str(postback.data) ?? '';
    const params = rec(postback.params);
    // Pickers send their choice in params; plain postbacks have only data to show.
    const picked = str(params?.datetime) ?? str(params?.date) ?? str(params?.time) ?? str(params?.newRichMenuAliasId);
    return {
      type: 'message',
      externalMessageId: eventId,
      sender,
      timestamp,
      content: { kind: 'postback', title: picked ?? data, payload: data },
      ...extras,
      raw: event,
    };
  }
  if ((type === 'follow' || type === 'unfollow') && sender) {
    return { type, sender, timestamp, eventId, ...extras, raw: event };
  }
  return { type: 'unsupported', eventId, ...(sender ? { sender } : {}), timestamp, description: describeOther(type, event), raw: event };
}

/** In groups and rooms userId can be missing (not a friend / no consent): the group or room stands in. */
function senderOf(event: Json): Sender | undefined {
  const source = rec(event.source);
  const id = str(source?.userId) ?? str(source?.groupId) ?? str(source?.roomId);
  return id ? { externalId: id } : undefined;
}

function messageContent(message: Json): NormalizedContent {
  const type = str(message.type) ?? 'unknown';
  const id = str(message.id)!;
  if (type === 'text') return { kind: 'text', text: str(message.text) ?? '' };
  if (MEDIA_TYPES[type]) {
    const provider = rec(message.contentProvider);
    const external = provider?.type === 'external';
    const url = str(provider?.originalContentUrl);
    const name = str(message.fileName);
    const size = num(message.fileSize);
    const duration = type === 'audio' ? num(message.duration) : undefined;
    const media: InboundMedia = {
      kind: MEDIA_TYPES[type],
      // LINE-hosted content is fetched by message id; external content lives at its own URL.
      ...(external ? (url ? { url } : {}) : { mediaId: id }),
      ...(name ? { name } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(duration !== undefined && duration > 0 ? { durationMs: duration } : {}),
    };
    return { kind: 'media', media: [media] };
  }
  if (type === 'sticker') {
    const stickerId = str(message.stickerId) ?? String(num(message.stickerId) ?? '');
    return { kind: 'media', media: [{ kind: 'sticker', ...(stickerId ? { url: stickerUrl(stickerId) } : {}) }] };
  }
  if (type === 'location') {
    const latitude = num(message.latitude);
    const longitude = num(message.longitude);
    if (latitude === undefined || longitude === undefined) return { kind: 'unsupported', description: 'Location without coordinates' };
    const name = str(message.title);
    const address = str(message.address);
    return { kind: 'location', latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  }
  return { kind: 'unsupported', description: `Unsupported LINE message (${type})` };
}

function describeOther(type: string, event: Json): string {
  switch (type) {
    case 'unsend':
      return 'The customer unsent a message';
    case 'join':
      return 'The bot was added to a group or room';
    case 'leave':
      return 'The bot was removed from a group or room';
    case 'memberJoined':
      return 'A member joined the group';
    case 'memberLeft':
      return 'A member left the group';
    default:
      return `Unsupported LINE event (${type})${event.source ? '' : ' without a source'}`;
  }
}
