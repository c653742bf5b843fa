import type { ContactCard, MediaKind, NormalizedContent, NormalizedEvent, ParseResult, Sender } from '../types';
import { stableId } from '../shared/ids';
import { arr, fromUnixSeconds, num, parseJson, rec, str, type Json } from '../shared/json';
import { describeWhatsAppErrors } from './error-text';

const MEDIA_TYPES: Record<string, MediaKind> = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  sticker: 'sticker',
  document: 'file',
};
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

export function parseWhatsAppWebhook(rawBody: string): ParseResult {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return parsed;
  const body = rec(parsed.value);
  if (!body || body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) {
    return { ok: false, error: 'Not a WhatsApp webhook: expected {"object":"whatsapp_business_account","entry":[…]}' };
  }
  const events: NormalizedEvent[] = [];
  for (const entry of body.entry) {
    for (const rawChange of arr(rec(entry)?.changes)) {
      const change = rec(rawChange);
      if (!change) continue;
      const value = rec(change.value) ?? {};
      if (change.field !== 'messages') {
        // Account-level notices (template reviews, quality…): no customer, but not dropped either.
        events.push({
          type: 'unsupported',
          eventId: stableId('whatsapp', change),
          timestamp: new Date(),
          description: `WhatsApp account notice (${str(change.field) ?? 'unknown'})`,
          raw: change,
        });
        continue;
      }
      // Statuses first, like Chatwoot: a status can refer to a message sent just before.
      for (const status of arr(value.statuses)) events.push(guard(status, () => parseStatus(status)));
      for (const message of arr(value.messages)) events.push(guard(message, () => parseMessage(message, value)));
      const errors = describeWhatsAppErrors(value.errors);
      if (errors) {
        events.push({ type: 'unsupported', eventId: stableId('whatsapp', value.errors), timestamp: new Date(), description: `WhatsApp error: ${errors}`, raw: value.errors });
      }
    }
  }
  return { ok: true, events };
}

function guard(raw: unknown, parse: () => NormalizedEvent): NormalizedEvent {
  try {
    return parse();
  } catch (error) {
    return {
      type: 'unsupported',
      eventId: stableId('whatsapp', raw),
      timestamp: new Date(),
      description: `Could not read this WhatsApp event: ${(error as Error).message}`,
      raw,
    };
  }
}

function parseStatus(raw: unknown): NormalizedEvent {
  const status = rec(raw);
  const id = str(status?.id);
  if (!status || !id) throw new Error('status without id');
  const state = str(status.status) ?? 'unknown';
  const timestamp = fromUnixSeconds(status.timestamp) ?? new Date();
  const recipient = str(status.recipient_id);
  if (!STATUSES.has(state)) {
    return { type: 'unsupported', eventId: `status:${id}:${state}`, timestamp, description: `WhatsApp status "${state}"`, raw };
  }
  const error = state === 'failed' ? describeWhatsAppErrors(status.errors) : undefined;
  return {
    type: 'status',
    externalMessageId: id,
    status: state as 'sent' | 'delivered' | 'read' | 'failed',
    ...(error ? { error } : {}),
    timestamp,
    ...(recipient ? { recipientExternalId: recipient } : {}),
    raw,
  };
}

function parseMessage(raw: unknown, value: Json): NormalizedEvent {
  const message = rec(raw);
  const id = str(message?.id);
  const from = str(message?.from);
  if (!message || !id || !from) throw new Error('message without id or from');
  const replyTo = str(rec(message.context)?.id);
  return {
    type: 'message',
    externalMessageId: id,
    sender: senderFor(from, value),
    timestamp: fromUnixSeconds(message.timestamp) ?? new Date(),
    content: messageContent(message),
    ...(replyTo ? { replyToExternalId: replyTo } : {}),
    raw,
  };
}

function senderFor(waId: string, value: Json): Sender {
  const contact = arr(value.contacts).map(rec).find((c) => str(c?.wa_id) === waId);
  const name = str(rec(contact?.profile)?.name);
  return { externalId: waId, ...(name ? { name } : {}), phone: `+${waId}` };
}

function messageContent(message: Json): NormalizedContent {
  const type = str(message.type) ?? 'unknown';
  const body = rec(message[type]) ?? {};
  if (type === 'text') return { kind: 'text', text: str(body.body) ?? '' };
  if (MEDIA_TYPES[type]) {
    const mediaId = str(body.id);
    const mimeType = str(body.mime_type);
    const sha256 = str(body.sha256);
    const name = str(body.filename);
    const caption = str(body.caption);
    return {
      kind: 'media',
      media: [
        {
          kind: MEDIA_TYPES[type],
          ...(mediaId ? { mediaId } : {}),
          ...(mimeType ? { mimeType } : {}),
          ...(sha256 ? { sha256 } : {}),
          ...(name ? { name } : {}),
        },
      ],
      ...(caption ? { caption } : {}),
    };
  }
  if (type === 'location') {
    const latitude = num(body.latitude);
    const longitude = num(body.longitude);
    if (latitude === undefined || longitude === undefined) return { kind: 'unsupported', description: 'Location without coordinates' };
    const name = str(body.name);
    const address = str(body.address);
    return { kind: 'location', latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  }
  if (type === 'contacts') return { kind: 'contacts', contacts: arr(message.contacts).map(contactCard) };
  if (type === 'interactive') {
    const reply = rec(body.button_reply) ?? rec(body.list_reply);
    if (reply) return { kind: 'text', text: str(reply.title) ?? '', payload: str(reply.id) ?? '' };
    return { kind: 'unsupported', description: `WhatsApp interactive reply (${str(body.type) ?? 'unknown'})` };
  }
  if (type === 'button') return { kind: 'text', text: str(body.text) ?? '', payload: str(body.payload) ?? '' };
  if (type === 'reaction') {
    const emoji = str(body.emoji);
    return { kind: 'unsupported', description: emoji ? `Reacted ${emoji} to a message` : 'Removed a reaction' };
  }
  const errors = describeWhatsAppErrors(message.errors);
  return { kind: 'unsupported', description: [`Unsupported WhatsApp message (${type})`, errors].filter(Boolean).join(': ') };
}

function contactCard(raw: unknown): ContactCard {
  const contact = rec(raw) ?? {};
  const name = rec(contact.name);
  const phones = arr(contact.phones).map((p) => str(rec(p)?.phone)).filter((p): p is string => !!p);
  const emails = arr(contact.emails).map((e) => str(rec(e)?.email)).filter((e): e is string => !!e);
  const fullName =
    str(name?.formatted_name) ?? [str(name?.first_name), str(name?.last_name)].filter(Boolean).join(' ');
  return { name: fullName || phones[0] || 'Contact', phones, ...(emails.length ? { emails } : {}) };
}
