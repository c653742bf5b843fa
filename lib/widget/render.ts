import { renderForWidget } from '@/channels/web';
import type { OutboundMessage } from '@/channels/types';
import type { messages } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import { widgetFileUrl } from './tokens';
import type { WidgetAttachmentView, WidgetMessageView, WidgetProductView } from './types';
import { formatMajorAmount } from '@/lib/commerce/money';

type MessageRow = typeof messages.$inferSelect;

const INTERNAL_FILE = /^\/api\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export type RenderContext = { channelToken: string; channelId: string };

/** A URL the visitor may load: our stored files become signed widget links; http(s) stays; anything else is dropped. */
export function visitorUrl(url: string | null | undefined, ctx: RenderContext): string | null {
  if (!url) return null;
  const internal = INTERNAL_FILE.exec(url);
  if (internal) return widgetFileUrl(ctx.channelToken, ctx.channelId, internal[1].toLowerCase());
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The id the widget gave its own message, from the stored external id `widget:{visitor}:{clientId}`. */
export function widgetExternalId(visitorId: string, clientId: string): string {
  return `widget:${visitorId}:${clientId}`;
}

function clientIdOf(externalId: string | null): string | null {
  if (!externalId?.startsWith('widget:')) return null;
  return externalId.slice(externalId.lastIndexOf(':') + 1) || null;
}

function attachmentsOf(list: Attachment[], ctx: RenderContext): WidgetAttachmentView[] {
  return list.flatMap((a) => {
    const url = visitorUrl(a.url, ctx);
    return url ? [{ kind: a.kind, url, name: a.name ?? null, mimeType: a.mimeType ?? null, size: a.size ?? null }] : [];
  });
}

function formatPrice(price: unknown, currency: unknown): string | null {
  if (typeof price === 'string') return price;
  if (typeof price !== 'number' || !Number.isFinite(price)) return null;
  return formatMajorAmount(price, currency) ?? String(price);
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

function productOf(p: Record<string, unknown>, ctx: RenderContext): WidgetProductView | null {
  const name = str(p.name);
  if (!name) return null;
  return {
    name,
    price: formatPrice(p.price, p.currency),
    description: str(p.description),
    imageUrl: visitorUrl(str(p.imageUrl), ctx),
    url: visitorUrl(str(p.url), ctx),
    buyPayload: str(p.buyPayload),
  };
}

type Parts = Pick<WidgetMessageView, 'text' | 'attachments' | 'quickReplies' | 'buttons' | 'product' | 'article' | 'location' | 'contact'>;

const empty = (): Parts => ({ text: null, attachments: [], quickReplies: [], buttons: [], product: null, article: null, location: null, contact: null });

/** What an agent or bot sent, through the web channel's own renderer (it vets every URL). */
function outboundParts(outbound: OutboundMessage, ctx: RenderContext): Parts | null {
  if (outbound.kind === 'media') {
    const url = visitorUrl(outbound.url, ctx);
    if (!url) return null;
    return {
      ...empty(),
      text: outbound.caption ?? null,
      attachments: [{ kind: outbound.mediaKind, url, name: outbound.name ?? null, mimeType: outbound.mimeType ?? null, size: null }],
    };
  }
  if (outbound.kind === 'product') {
    // Stored product images may be our own files: sign them before the renderer checks URLs.
    const product = { ...outbound.product };
    const image = visitorUrl(product.imageUrl, ctx);
    if (image && !image.startsWith('http')) delete product.imageUrl;
    const rendered = renderForWidget({ kind: 'product', product });
    if (!rendered.ok || rendered.message.type !== 'product') return null;
    const view = productOf(rendered.message.product as Record<string, unknown>, ctx);
    return view ? { ...empty(), product: { ...view, imageUrl: image } } : null;
  }
  const rendered = renderForWidget(outbound);
  if (!rendered.ok) return null;
  const m = rendered.message;
  switch (m.type) {
    case 'text':
      return { ...empty(), text: m.text, quickReplies: m.quickReplies, buttons: m.buttons };
    case 'location':
      return {
        ...empty(),
        text: [m.name, m.address].filter(Boolean).join(', ') || null,
        location: { latitude: m.latitude, longitude: m.longitude, name: m.name ?? null, address: m.address ?? null, mapUrl: m.mapUrl },
      };
    case 'contact':
      return { ...empty(), text: m.contact.name, contact: m.contact };
    case 'article':
      return { ...empty(), article: { title: m.article.title, excerpt: m.article.excerpt || null, url: m.article.url } };
    default:
      return null;
  }
}

/** Messages stored without an outbound original (customer messages, imported history). */
function storedParts(m: MessageRow, ctx: RenderContext): Parts {
  const parts: Parts = { ...empty(), text: m.body, attachments: attachmentsOf(m.attachments, ctx) };
  const payload = m.payload ?? {};
  if (m.kind === 'product') {
    parts.product = productOf(payload, ctx);
    if (parts.product) parts.text = null;
  }
  if (m.kind === 'location' && typeof payload.latitude === 'number' && typeof payload.longitude === 'number') {
    const { latitude, longitude } = payload;
    parts.location = {
      latitude,
      longitude,
      name: str(payload.name),
      address: str(payload.address),
      mapUrl: `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`,
    };
  }
  return parts;
}

/** One stored message as the visitor sees it. */
export function toWidgetMessage(
  m: MessageRow,
  extra: { authorName: string | null; agentReadUpTo: Date | null },
  ctx: RenderContext,
): WidgetMessageView {
  const fromVisitor = m.direction === 'inbound';
  const outbound = (m.payload as { outbound?: OutboundMessage } | null)?.outbound;
  const parts = (!fromVisitor && outbound && outboundParts(outbound, ctx)) || storedParts(m, ctx);
  const status: WidgetMessageView['status'] = fromVisitor
    ? extra.agentReadUpTo && m.createdAt <= extra.agentReadUpTo
      ? 'read'
      : 'sent'
    : m.status === 'read' || m.status === 'delivered'
      ? m.status
      : 'sent';
  return {
    id: m.id,
    clientId: fromVisitor ? clientIdOf(m.externalId) : null,
    from: fromVisitor ? 'visitor' : m.senderKind === 'bot' ? 'bot' : 'agent',
    authorName: fromVisitor ? null : m.senderKind === 'bot' ? null : extra.authorName,
    createdAt: m.createdAt.toISOString(),
    seq: m.seq,
    status,
    ...parts,
  };
}
