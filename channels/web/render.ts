import type { ArticleCard, ContactCard, MediaKind, OutboundMessage, ProductCard, QuickReply } from '../types';
import { isLinkButton, mapsUrl } from '../shared/text';

export type WidgetButton = { type: 'postback'; title: string; payload: string } | { type: 'link'; title: string; url: string };

/** What the widget draws. Every URL in it is http(s), so the widget can put it in href/src as is. */
export type WidgetMessage =
  | { type: 'text'; text: string; quickReplies: QuickReply[]; buttons: WidgetButton[] }
  | { type: 'media'; mediaKind: Exclude<MediaKind, 'sticker'>; url: string; caption?: string; name?: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string; mapUrl: string }
  | { type: 'contact'; contact: ContactCard }
  | { type: 'product'; product: ProductCard }
  | { type: 'article'; article: ArticleCard };

export type WidgetRender = { ok: true; message: WidgetMessage } | { ok: false; error: string };

function isWebUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

// A javascript: or data: link in an agent's message would run in the shop's page.
function unsafe(what: string): WidgetRender {
  return { ok: false, error: `The ${what} URL must start with http:// or https://` };
}

export function renderForWidget(message: OutboundMessage): WidgetRender {
  switch (message.kind) {
    case 'text': {
      if (!message.text.trim()) return { ok: false, error: 'The message is empty' };
      const buttons: WidgetButton[] = [];
      for (const b of message.buttons ?? []) {
        if (!isLinkButton(b)) buttons.push({ type: 'postback', title: b.title, payload: b.payload });
        else if (isWebUrl(b.url)) buttons.push({ type: 'link', title: b.title, url: b.url });
        else return unsafe('button');
      }
      return { ok: true, message: { type: 'text', text: message.text, quickReplies: message.quickReplies ?? [], buttons } };
    }
    case 'media': {
      if (!isWebUrl(message.url)) return unsafe('media');
      const { mediaKind, url, caption, name } = message;
      return { ok: true, message: { type: 'media', mediaKind, url, ...(caption ? { caption } : {}), ...(name ? { name } : {}) } };
    }
    case 'location': {
      const { latitude, longitude, name, address } = message;
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return { ok: false, error: 'The location has no valid coordinates' };
      return {
        ok: true,
        message: { type: 'location', latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}), mapUrl: mapsUrl(latitude, longitude) },
      };
    }
    case 'contact':
      return { ok: true, message: { type: 'contact', contact: message.contact } };
    case 'template':
      return { ok: false, error: 'Message templates are a WhatsApp feature; the website widget cannot show them' };
    case 'product': {
      const { product } = message;
      if (product.imageUrl !== undefined && !isWebUrl(product.imageUrl)) return unsafe('product image');
      if (product.url !== undefined && !isWebUrl(product.url)) return unsafe('product');
      return { ok: true, message: { type: 'product', product } };
    }
    case 'article': {
      if (!isWebUrl(message.article.url)) return unsafe('article');
      return { ok: true, message: { type: 'article', article: message.article } };
    }
    case 'optin_request':
      return { ok: false, error: 'Notification opt-in requests are a Messenger feature; the website widget cannot show them' };
  }
}
