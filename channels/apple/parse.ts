import type { InboundMedia, MediaKind, NormalizedContent, NormalizedEvent, ParseResult } from '../types';
import { stableId } from '../shared/ids';
import { arr, parseJson, rec, str, type Json } from '../shared/json';
import { ATTACHMENT_MARK } from './constants';

// One message per request: {id, type, v, sourceId (the customer's opaque id), destinationId
// (the business id), body, attachments?, interactiveData?}. A customer's text usually
// comes as two requests, typing_start then text.

function mediaKindOf(mimeType: string | undefined): MediaKind {
  if (mimeType?.startsWith('image/')) return 'image';
  if (mimeType?.startsWith('video/')) return 'video';
  if (mimeType?.startsWith('audio/')) return 'audio';
  return 'file';
}

/** An attachment as Apple describes it: where it is (MMCS url and owner), its signature and AES key. */
function attachmentOf(value: unknown): InboundMedia | undefined {
  const a = rec(value);
  const url = str(a?.url);
  const owner = str(a?.owner);
  const key = str(a?.key);
  const signature = str(a?.signature) ?? (str(a?.['signature-base64']) ? Buffer.from(str(a?.['signature-base64'])!, 'base64').toString('hex') : undefined);
  if (!a || !url || !owner || !key || !signature) return undefined;
  const mimeType = str(a.mimeType);
  const size = Number(a.size);
  return {
    kind: mediaKindOf(mimeType),
    url,
    ...(mimeType ? { mimeType } : {}),
    ...(str(a.name) ? { name: str(a.name) } : {}),
    ...(Number.isFinite(size) && size >= 0 ? { size } : {}),
    encrypted: { owner, signature, key },
  };
}

/** The chosen list-picker items, or the tapped quick reply, as the customer's text with its payload. */
function interactiveContent(message: Json): NormalizedContent {
  const interactive = rec(message.interactiveData);
  const data = rec(interactive?.data);
  if (!data) {
    return rec(message.interactiveDataRef)
      ? { kind: 'unsupported', description: 'Apple interactive reply too large to read here' }
      : { kind: 'unsupported', description: 'Apple interactive message without data' };
  }
  const chosen = arr(rec(data.listPicker)?.sections)
    .flatMap((section) => arr(rec(section)?.items))
    .map(rec)
    .filter((item): item is Json => !!item && !!str(item.identifier));
  if (chosen.length) {
    const text = chosen.map((item) => str(item.title) ?? str(item.identifier)!).join(', ');
    return { kind: 'text', text, payload: str(chosen[0]!.identifier)! };
  }
  const quick = rec(data['quick-reply']);
  const selected = str(quick?.selectedIdentifier);
  if (selected) {
    const items = arr(quick?.items).map(rec);
    const title = str(items.find((item) => str(item?.identifier) === selected)?.title) ?? str(rec(data.replyMessage)?.title) ?? selected;
    return { kind: 'text', text: title, payload: selected };
  }
  const reply = str(rec(data.replyMessage)?.title) ?? str(message.body);
  return reply ? { kind: 'text', text: reply } : { kind: 'unsupported', description: 'Apple interactive reply of an unknown kind' };
}

function textContent(message: Json): NormalizedContent {
  const text = (str(message.body) ?? '').replaceAll(ATTACHMENT_MARK, '').trim();
  const media = arr(message.attachments).map(attachmentOf).filter((m): m is InboundMedia => !!m);
  if (media.length) return { kind: 'media', media, ...(text ? { caption: text } : {}) };
  if (arr(message.attachments).length) return { kind: 'unsupported', description: 'Apple attachment without its location or key' };
  return { kind: 'text', text };
}

/** A delivery from Apple's gateway as normalized events; typing_end and unknown kinds without a sender carry none. */
export function parseAppleWebhook(rawBody: string): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const message = rec(parsed.value);
  const id = str(message?.id);
  const type = str(message?.type);
  const customer = str(message?.sourceId);
  if (!message || !id || !type || !customer || !str(message.destinationId)) {
    return { ok: false, error: 'Not an Apple Messages for Business message: expected {"id", "type", "sourceId", "destinationId", …}' };
  }
  const sender = { externalId: customer };
  const timestamp = new Date();
  switch (type) {
    case 'text':
      return { ok: true, events: [{ type: 'message', externalMessageId: id, sender, timestamp, content: textContent(message), raw: message }] };
    case 'interactive':
      return { ok: true, events: [{ type: 'message', externalMessageId: id, sender, timestamp, content: interactiveContent(message), raw: message }] };
    case 'typing_start':
      return { ok: true, events: [{ type: 'typing', sender, timestamp, raw: message }] };
    // The inbox lets typing lapse on its own; "stopped" needs no event.
    case 'typing_end':
      return { ok: true, events: [] };
    case 'close': {
      const event: NormalizedEvent = { type: 'unsupported', eventId: `apple:${id}`, sender, timestamp, description: 'The customer closed the conversation in Messages', raw: message };
      return { ok: true, events: [event] };
    }
    default:
      return {
        ok: true,
        events: [{ type: 'unsupported', eventId: id ? `apple:${id}` : stableId('apple', message), sender, timestamp, description: `Unsupported Apple message type (${type})`, raw: message }],
      };
  }
}

/** The business a delivery is for (destinationId), so one meant for another business is refused. */
export function appleAccountIds(rawBody: string): string[] {
  const parsed = parseJson(rawBody);
  const id = parsed.ok ? str(rec(parsed.value)?.destinationId) : undefined;
  return id ? [id] : [];
}
