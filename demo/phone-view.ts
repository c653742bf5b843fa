import { buildMessengerMessages } from '@/channels/facebook/build';
import { INSTAGRAM_PROFILE } from '@/channels/instagram/limits';
import { buildLineMessages } from '@/channels/line/build';
import { isRecord, type Json } from '@/channels/shared/json';
import type { OutboundMessage } from '@/channels/types';
import { buildWhatsAppMessages } from '@/channels/whatsapp/build';
import { buildXMessage, type XDirectMessage } from '@/channels/x/build';
import { buildAppleMessage, type AppleContent, type AppleUpload } from '@/channels/apple/build';
import { ATTACHMENT_MARK } from '@/channels/apple/constants';
import type { Attachment, MessageKind } from '@/db/schema/messages';
import { ownFileId } from '@/lib/files/file-links';
import { mapUrl, messageContent, type MessageContent } from '@/lib/inbox/history-content';

// What the simulator's phone shows for a message: what the customer's app would show. An
// outbound message is built with the channel's own builder (channels/*/build.ts, the very
// requests the platform receives) and those requests are read back as the app draws them:
// a Messenger generic template is a card with image, subtitle and buttons, a LINE flex
// bubble a card with hero image, price and buttons, WhatsApp's product an image with its
// caption, a button template a bubble with buttons, a location a map card. Images are only
// our own stored files, by their members-only address (the page's CSP loads nothing else).

export type PhoneChannel = 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'x' | 'apple';

/** A tappable choice: posts `payload` back, or opens `url`. */
export type PhoneButton = { title: string; payload: string | null; url: string | null };

export type PhoneBubble =
  | { type: 'text'; text: string; buttons: PhoneButton[] }
  /** WhatsApp's list message: a bubble with one button that opens its rows. */
  | { type: 'list'; text: string; button: string; rows: PhoneButton[] }
  | { type: 'image'; url: string | null; caption: string | null }
  | { type: 'media'; kind: 'video' | 'audio' | 'file'; url: string | null; name: string | null; caption: string | null }
  | { type: 'card'; imageUrl: string | null; title: string; subtitle: string | null; description: string | null; buttons: PhoneButton[] }
  | { type: 'location'; name: string | null; address: string | null; latitude: number; longitude: number; mapUrl: string }
  | { type: 'contact'; name: string; phones: string[]; emails: string[] }
  /** An approved WhatsApp template: its body as the customer reads it (the name is not shown to them). */
  | { type: 'template'; text: string }
  /** Messenger's notification opt-in request: its title, how often, and the button that opts in. */
  | { type: 'optin'; title: string; frequency: string };

/** How a tap reaches the platform: a quick-reply chip, a button in a bubble, a list row, an opt-in request's button. */
export type PhoneTap = 'quick_reply' | 'button' | 'list' | 'optin' | 'optin_stop';

export type PhoneView = { bubbles: PhoneBubble[]; quickReplies: PhoneButton[] };

type StoredMessage = { kind: MessageKind; body: string | null; attachments: Attachment[]; payload: Record<string, unknown> | null };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const rec = (v: unknown): Json => (isRecord(v) ? v : {});

/** Our stored file, by its members-only address; null for anything else (never loaded). */
export function phoneImageUrl(url: unknown): string | null {
  const id = typeof url === 'string' ? ownFileId(url) : null;
  return id ? `/api/files/${id}` : null;
}

const payloadButton = (title: unknown, payload: unknown): PhoneButton | null =>
  str(title) && str(payload) ? { title: str(title)!, payload: str(payload), url: null } : null;
const linkButton = (title: unknown, url: unknown): PhoneButton | null =>
  str(title) && str(url) ? { title: str(title)!, payload: null, url: str(url) } : null;
const present = <T>(items: (T | null)[]): T[] => items.filter((x): x is T => x !== null);

// ---------- Messenger: the `message` object of each Send API call ----------

function messengerButton(b: Json): PhoneButton | null {
  return b.type === 'web_url' ? linkButton(b.title, b.url) : payloadButton(b.title, b.payload);
}

function readMessenger(message: Json, view: PhoneView) {
  const chips = present(list(message.quick_replies).map((q) => payloadButton(q.title, q.payload)));
  if (chips.length) view.quickReplies = chips;
  if (str(message.text)) {
    view.bubbles.push({ type: 'text', text: str(message.text)!, buttons: [] });
    return;
  }
  const attachment = rec(message.attachment);
  const payload = rec(attachment.payload);
  if (attachment.type === 'template' && payload.template_type === 'button') {
    view.bubbles.push({ type: 'text', text: str(payload.text) ?? '', buttons: present(list(payload.buttons).map(messengerButton)) });
  } else if (attachment.type === 'template' && payload.template_type === 'generic') {
    for (const element of list(payload.elements)) {
      view.bubbles.push({
        type: 'card',
        imageUrl: phoneImageUrl(element.image_url),
        title: str(element.title) ?? '',
        subtitle: str(element.subtitle),
        description: null,
        buttons: present(list(element.buttons).map(messengerButton)),
      });
    }
  } else if (attachment.type === 'template' && payload.template_type === 'notification_messages') {
    view.bubbles.push({ type: 'optin', title: str(payload.title) ?? '', frequency: (str(payload.notification_messages_frequency) ?? 'DAILY').toLowerCase() });
  } else if (attachment.type === 'image') {
    view.bubbles.push({ type: 'image', url: phoneImageUrl(payload.url), caption: null });
  } else if (attachment.type === 'video' || attachment.type === 'audio' || attachment.type === 'file') {
    view.bubbles.push({ type: 'media', kind: attachment.type, url: phoneImageUrl(payload.url), name: null, caption: null });
  }
}

// ---------- WhatsApp: the type-specific part of each Cloud API body ----------

function readWhatsApp(body: Json, view: PhoneView, templateText: string | null) {
  switch (body.type) {
    case 'text':
      view.bubbles.push({ type: 'text', text: str(rec(body.text).body) ?? '', buttons: [] });
      return;
    case 'interactive': {
      const interactive = rec(body.interactive);
      const text = str(rec(interactive.body).text) ?? '';
      const action = rec(interactive.action);
      if (interactive.type === 'list') {
        const rows = list(action.sections).flatMap((s) => list(s.rows).map((r) => payloadButton(r.title, r.id)));
        view.bubbles.push({ type: 'list', text, button: str(action.button) ?? 'Choose', rows: present(rows) });
      } else {
        view.bubbles.push({ type: 'text', text, buttons: present(list(action.buttons).map((b) => payloadButton(rec(b.reply).title, rec(b.reply).id))) });
      }
      return;
    }
    case 'image': {
      const image = rec(body.image);
      view.bubbles.push({ type: 'image', url: phoneImageUrl(image.link), caption: str(image.caption) });
      return;
    }
    case 'video':
    case 'audio':
    case 'document': {
      const media = rec(body[body.type]);
      const kind = body.type === 'document' ? 'file' : body.type;
      view.bubbles.push({ type: 'media', kind, url: phoneImageUrl(media.link), name: str(media.filename), caption: str(media.caption) });
      return;
    }
    case 'location': {
      const l = rec(body.location);
      const latitude = num(l.latitude);
      const longitude = num(l.longitude);
      if (latitude === null || longitude === null) return;
      view.bubbles.push({ type: 'location', name: str(l.name), address: str(l.address), latitude, longitude, mapUrl: mapUrl(latitude, longitude) });
      return;
    }
    case 'contacts':
      for (const c of list(body.contacts)) {
        view.bubbles.push({
          type: 'contact',
          name: str(rec(c.name).formatted_name) ?? 'Contact',
          phones: present(list(c.phones).map((p) => str(p.phone))),
          emails: present(list(c.emails).map((e) => str(e.email))),
        });
      }
      return;
    case 'template':
      // The platform fills the approved body in; Baton keeps the text it rendered the same way.
      view.bubbles.push({ type: 'template', text: templateText ?? str(rec(body.template).name) ?? 'Template message' });
      return;
  }
}

// ---------- LINE: the message objects of each reply/push ----------

function lineAction(a: Json): PhoneButton | null {
  return a.type === 'uri' ? linkButton(a.label, a.uri) : payloadButton(a.label, a.data ?? a.text);
}

function readLine(message: Json, view: PhoneView) {
  const chips = present(list(rec(message.quickReply).items).map((i) => lineAction(rec(i.action))));
  if (chips.length) view.quickReplies = chips;
  switch (message.type) {
    case 'text':
      view.bubbles.push({ type: 'text', text: str(message.text) ?? '', buttons: [] });
      return;
    case 'template': {
      const template = rec(message.template);
      view.bubbles.push({ type: 'text', text: str(template.text) ?? str(message.altText) ?? '', buttons: present(list(template.actions).map(lineAction)) });
      return;
    }
    case 'image':
      view.bubbles.push({ type: 'image', url: phoneImageUrl(message.originalContentUrl), caption: null });
      return;
    case 'audio':
      view.bubbles.push({ type: 'media', kind: 'audio', url: phoneImageUrl(message.originalContentUrl), name: null, caption: null });
      return;
    case 'location': {
      const latitude = num(message.latitude);
      const longitude = num(message.longitude);
      if (latitude === null || longitude === null) return;
      view.bubbles.push({ type: 'location', name: str(message.title), address: str(message.address), latitude, longitude, mapUrl: mapUrl(latitude, longitude) });
      return;
    }
    case 'flex': {
      // The product bubble of channels/line/build.ts: hero image; name, price, description; buttons.
      const bubble = rec(message.contents);
      const texts = list(rec(bubble.body).contents).filter((c) => c.type === 'text');
      const [title, ...rest] = texts;
      const price = rest.find((t) => t.size === 'md');
      const description = rest.find((t) => t !== price);
      view.bubbles.push({
        type: 'card',
        imageUrl: phoneImageUrl(rec(bubble.hero).url),
        title: str(title?.text) ?? str(message.altText) ?? '',
        subtitle: str(price?.text),
        description: str(description?.text),
        buttons: present(list(rec(bubble.footer).contents).map((c) => lineAction(rec(c.action)))),
      });
      return;
    }
  }
}

// ---------- stored messages ----------

/** What a stored outbound message asked the channel to send; seeded ones have no `outbound`. */
export function outboundOf(message: StoredMessage): OutboundMessage | null {
  const outbound = message.payload?.outbound;
  if (isRecord(outbound) && typeof outbound.kind === 'string') return outbound as OutboundMessage;
  return fromContent(messageContent(message), message);
}

function fromContent(content: MessageContent, message: StoredMessage): OutboundMessage | null {
  switch (content.type) {
    case 'text':
      return content.text ? { kind: 'text', text: content.text } : null;
    case 'media': {
      const first = message.attachments[0];
      if (!first || first.kind === 'sticker') return null;
      return { kind: 'media', mediaKind: first.kind, url: first.url, ...(content.caption ? { caption: content.caption } : {}), ...(first.name ? { name: first.name } : {}) };
    }
    case 'location':
      return { kind: 'location', latitude: content.latitude, longitude: content.longitude, ...(content.name ? { name: content.name } : {}), ...(content.address ? { address: content.address } : {}) };
    case 'contact':
      return content.contacts[0] ? { kind: 'contact', contact: content.contacts[0] } : null;
    case 'product':
      return {
        kind: 'product',
        product: {
          name: content.name,
          ...(content.price ? { price: content.price } : {}),
          ...(content.description ? { description: content.description } : {}),
          ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}),
          ...(content.url ? { url: content.url } : {}),
        },
      };
    case 'article':
      return content.url ? { kind: 'article', article: { articleId: '', title: content.title, excerpt: content.excerpt ?? '', url: content.url } } : null;
    case 'template':
      return { kind: 'template', name: content.name, language: content.language ?? 'en', parameters: content.parameters };
    case 'unsupported':
      return null;
  }
}

// ---------- X: one DM (text, one attachment uploaded first, quick-reply options) ----------

function readX(dm: XDirectMessage, view: PhoneView) {
  if (dm.media?.mediaKind === 'image') view.bubbles.push({ type: 'image', url: phoneImageUrl(dm.media.url), caption: dm.text ?? null });
  else if (dm.media) view.bubbles.push({ type: 'media', kind: 'video', url: phoneImageUrl(dm.media.url), name: null, caption: dm.text ?? null });
  else view.bubbles.push({ type: 'text', text: dm.text ?? '', buttons: [] });
  view.quickReplies.push(...present((dm.options ?? []).map((o) => payloadButton(o.label, o.metadata))));
}

// ---------- Apple: one message (text, a rich link, a list picker behind its bubble, or a text holding an attachment) ----------

function readApple(content: AppleContent, upload: AppleUpload | undefined, view: PhoneView) {
  if (content.type === 'text' && upload) {
    const caption = content.body.replaceAll(ATTACHMENT_MARK, '').trim() || null;
    if (upload.mediaKind === 'image') view.bubbles.push({ type: 'image', url: phoneImageUrl(upload.url), caption });
    else view.bubbles.push({ type: 'media', kind: upload.mediaKind, url: phoneImageUrl(upload.url), name: upload.name ?? null, caption });
  } else if (content.type === 'text') view.bubbles.push({ type: 'text', text: content.body, buttons: [] });
  else if (content.type === 'richLink') {
    const { url, title } = content.richLinkData;
    view.bubbles.push({ type: 'card', imageUrl: null, title, subtitle: URL.canParse(url) ? new URL(url).host : null, description: null, buttons: present([linkButton('Open', url)]) });
  } else {
    const rows = content.interactiveData.data.listPicker.sections.flatMap((s) => s.items.map((item) => payloadButton(item.title, item.identifier)));
    view.bubbles.push({ type: 'list', text: content.interactiveData.receivedMessage.title, button: 'Choose', rows: present(rows) });
  }
}

/** The platform requests the channel makes for an outbound message, read as the customer's app shows them. */
export function outboundView(channel: PhoneChannel, message: StoredMessage): PhoneView {
  const view: PhoneView = { bubbles: [], quickReplies: [] };
  const outbound = outboundOf(message);
  if (outbound) {
    if (channel === 'facebook' || channel === 'instagram') {
      const built = buildMessengerMessages(outbound, channel === 'instagram' ? INSTAGRAM_PROFILE : undefined);
      if (built.ok) for (const part of built.parts) readMessenger(part.body, view);
    } else if (channel === 'whatsapp') {
      const built = buildWhatsAppMessages(outbound);
      const rendered = str(rec(message.payload?.template).rendered) ?? messageTemplateText(message);
      if (built.ok) for (const part of built.parts) readWhatsApp(part.body, view, rendered);
    } else if (channel === 'x') {
      const built = buildXMessage(outbound);
      if (built.ok) readX(built.dm, view);
    } else if (channel === 'apple') {
      const built = buildAppleMessage(outbound, 'phone-view');
      if (built.ok) readApple(built.content, built.upload, view);
    } else {
      const built = buildLineMessages(outbound);
      if (built.ok) for (const body of built.messages) readLine(body, view);
    }
  }
  if (view.bubbles.length === 0) view.bubbles.push({ type: 'text', text: message.body ?? '', buttons: [] });
  return view;
}

function messageTemplateText(message: StoredMessage): string | null {
  const content = messageContent(message);
  return content.type === 'template' ? content.text : null;
}

/** What the customer sent, as their own app shows it. */
export function inboundView(message: StoredMessage): PhoneView {
  const content = messageContent(message);
  const bubbles: PhoneBubble[] = [];
  switch (content.type) {
    case 'media':
      for (const item of content.items) {
        if (item.kind === 'image' || item.kind === 'sticker') bubbles.push({ type: 'image', url: phoneImageUrl(item.url), caption: null });
        else bubbles.push({ type: 'media', kind: item.kind, url: phoneImageUrl(item.url), name: item.name, caption: null });
      }
      if (content.caption) bubbles.push({ type: 'text', text: content.caption, buttons: [] });
      break;
    case 'location':
      bubbles.push({ type: 'location', name: content.name, address: content.address, latitude: content.latitude, longitude: content.longitude, mapUrl: content.mapUrl });
      break;
    case 'contact':
      for (const c of content.contacts) bubbles.push({ type: 'contact', name: c.name, phones: c.phones, emails: c.emails });
      break;
    default:
      bubbles.push({ type: 'text', text: message.body ?? (content.type === 'text' ? content.text : message.kind), buttons: [] });
  }
  return { bubbles, quickReplies: [] };
}
