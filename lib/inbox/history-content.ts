import type { Attachment, MessageKind } from '@/db/schema/messages';
import { ownFileId } from '@/lib/files/file-links';
import { formatMajorAmount } from '@/lib/commerce/money';

// What the conversation panel renders for a stored message, derived from its kind, body,
// attachments and payload (inbound payloads, the seed's, and outbound `payload.outbound`
// all have their own shapes). Media are loaded by agents' browsers only from our own files,
// through the member-only `/api/files/{id}` (never a signed public link); any other URL
// is shown as unavailable. Links (product pages) may be any http(s) URL.

export type MediaItem = {
  kind: Attachment['kind'];
  url: string | null;
  name: string | null;
  mimeType: string | null;
  size: number | null;
  /** Audio: its length in ms, when it was measured. */
  durationMs?: number | null;
  /** Why there is nothing to show (a download that failed or was refused), or null. */
  unavailable?: string | null;
  /** Whether the download can be tried again (inbound media whose source was kept). */
  retryable?: boolean;
};
export type ContactItem = { name: string; phones: string[]; emails: string[] };

export type MessageContent =
  | { type: 'text'; text: string }
  | { type: 'media'; items: MediaItem[]; caption: string | null }
  | { type: 'location'; latitude: number; longitude: number; name: string | null; address: string | null; mapUrl: string }
  | { type: 'contact'; contacts: ContactItem[] }
  | { type: 'product'; name: string; price: string | null; description: string | null; imageUrl: string | null; url: string | null }
  | { type: 'article'; title: string; excerpt: string | null; url: string | null }
  | { type: 'template'; name: string; language: string | null; parameters: string[]; text: string | null }
  | { type: 'unsupported'; description: string };

/**
 * What is shown around a message's content (Instagram): the story or post it is about, the
 * customer's reaction to it, and whether the customer unsent it.
 */
export type MessageExtras = {
  reference?: { kind: 'story_reply' | 'story_mention' | 'share'; url: string | null; title: string | null };
  reaction?: string;
  deleted?: boolean;
};

const REFERENCE_KINDS = new Set(['story_reply', 'story_mention', 'share']);

/** The extras in a stored payload, or undefined when there are none (most messages). */
export function messageExtras(payload: Record<string, unknown> | null): MessageExtras | undefined {
  if (!payload) return undefined;
  const extras: MessageExtras = {};
  const reference = rec(payload.reference);
  if (reference && typeof reference.kind === 'string' && REFERENCE_KINDS.has(reference.kind)) {
    // Only http(s) links are ever turned into a link.
    const url = displayUrl(reference.url);
    extras.reference = { kind: reference.kind as 'share', url: url && !url.startsWith('/') ? url : null, title: str(reference.title) };
  }
  const reaction = str(rec(payload.reaction)?.emoji);
  if (reaction) extras.reaction = reaction;
  if (rec(payload.deleted)) extras.deleted = true;
  return Object.keys(extras).length ? extras : undefined;
}

const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

/** An URL the agent's browser may load: our file (member-only path) or an http(s) URL. */
export function displayUrl(url: unknown): string | null {
  if (typeof url !== 'string' || !url) return null;
  const own = ownFileId(url);
  if (own) return `/api/files/${own}`;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A media URL the agent's browser may load: only our own files. */
export function ownMediaUrl(url: unknown): string | null {
  const own = typeof url === 'string' ? ownFileId(url) : null;
  return own ? `/api/files/${own}` : null;
}

function mediaItem(a: Attachment): MediaItem {
  const url = ownMediaUrl(a.url);
  const item: MediaItem = { kind: a.kind, url, name: a.name ?? null, mimeType: a.mimeType ?? null, size: a.size ?? null };
  if (typeof a.durationMs === 'number' && Number.isFinite(a.durationMs) && a.durationMs > 0) item.durationMs = a.durationMs;
  if (a.unavailable) return { ...item, url: null, unavailable: a.unavailable, retryable: Boolean(a.source) };
  if (!url && a.url) return { ...item, unavailable: 'not stored in Baton' };
  return item;
}

export function mapUrl(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${latitude},${longitude}`)}`;
}

function formatPrice(price: unknown, currency: unknown): string | null {
  if (typeof price === 'string' && price.trim()) return price;
  const n = num(price);
  if (n === null) return null;
  return formatMajorAmount(n, currency) ?? String(n);
}

function contactOf(v: unknown): ContactItem | null {
  const c = rec(v);
  if (!c) return null;
  const nameRec = rec(c.name);
  const name = str(c.name) ?? str(nameRec?.formatted_name) ?? null;
  if (!name) return null;
  const phones = Array.isArray(c.phones) ? c.phones.map((p) => (typeof p === 'string' ? p : str(rec(p)?.phone))).filter((p): p is string => Boolean(p)) : [];
  const emails = Array.isArray(c.emails) ? c.emails.map((e) => (typeof e === 'string' ? e : str(rec(e)?.email))).filter((e): e is string => Boolean(e)) : [];
  return { name, phones, emails };
}

export function messageContent(input: {
  kind: MessageKind;
  body: string | null;
  attachments: Attachment[];
  payload: Record<string, unknown> | null;
}): MessageContent {
  const { kind, body, attachments } = input;
  const payload = input.payload ?? {};
  const outbound = rec(payload.outbound);

  switch (kind) {
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
    case 'sticker': {
      const list: Attachment[] =
        attachments.length > 0
          ? attachments
          : outbound && typeof outbound.url === 'string'
            ? [{ kind, url: outbound.url, ...(str(outbound.name) ? { name: outbound.name as string } : {}) }]
            : [];
      const items = list.map(mediaItem);
      return { type: 'media', items, caption: body };
    }
    case 'location': {
      const src = outbound ?? payload;
      const latitude = num(src.latitude);
      const longitude = num(src.longitude);
      if (latitude === null || longitude === null) return { type: 'text', text: body ?? 'Location' };
      return { type: 'location', latitude, longitude, name: str(src.name), address: str(src.address), mapUrl: mapUrl(latitude, longitude) };
    }
    case 'contact': {
      const list = outbound ? [outbound.contact] : Array.isArray(payload.contacts) ? payload.contacts : [payload.contact];
      const contacts = list.map(contactOf).filter((c): c is ContactItem => c !== null);
      return contacts.length > 0 ? { type: 'contact', contacts } : { type: 'text', text: body ?? 'Contact card' };
    }
    case 'product': {
      const p = rec(outbound?.product) ?? payload;
      const name = str(p.name) ?? body ?? 'Product';
      return {
        type: 'product',
        name,
        price: formatPrice(p.price, p.currency),
        description: str(p.description),
        imageUrl: displayUrl(p.imageUrl),
        url: displayUrl(p.url),
      };
    }
    case 'article': {
      // The snapshot taken when it was sent: later edits to the article do not change it.
      const a = rec(outbound?.article) ?? payload;
      const url = displayUrl(a.url);
      return { type: 'article', title: str(a.title) ?? body ?? 'Article', excerpt: str(a.excerpt), url: url && /^https?:/.test(url) ? url : null };
    }
    case 'template': {
      const t = outbound ?? payload;
      const rendered = str(rec(payload.template)?.rendered);
      return {
        type: 'template',
        name: str(t.name) ?? (body?.replace(/^Template:\s*/, '') || 'template'),
        language: str(t.language),
        parameters: strings(t.parameters),
        text: rendered,
      };
    }
    case 'unsupported':
      return { type: 'unsupported', description: body ?? 'A message Baton cannot show' };
    default:
      return { type: 'text', text: body ?? '' };
  }
}
