import type { ArticleCard, OutboundMessage, ProductCard } from '../types';
import type { Json } from '../shared/json';
import type { Part } from '../shared/parts';
import { clip, fileNameFromUrl, numberedText, productLines, splitChoices, withLinks, type PayloadChoice } from '../shared/text';

export const WHATSAPP_LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  replyButtons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  caption: 1024,
  quickReplies: 10,
} as const;

export type WhatsAppBuild = { ok: true; parts: Part<Json>[] } | { ok: false; error: string; code: string };

/** OutboundMessage → the type-specific part of one or more Cloud API message bodies. */
export function buildWhatsAppMessages(message: OutboundMessage): WhatsAppBuild {
  switch (message.kind) {
    case 'text':
      return buildText(message);
    case 'media':
      return buildMedia(message);
    case 'location':
      return single({
        type: 'location',
        location: {
          latitude: message.latitude,
          longitude: message.longitude,
          ...(message.name ? { name: message.name } : {}),
          ...(message.address ? { address: message.address } : {}),
        },
      });
    case 'contact': {
      const { name, phones, emails } = message.contact;
      const card: Json = {
        name: { formatted_name: name, first_name: name.split(/\s+/)[0] || name },
        phones: phones.map((phone) => ({ phone, type: 'CELL' })),
      };
      if (emails?.length) card.emails = emails.map((email) => ({ email, type: 'WORK' }));
      return single({ type: 'contacts', contacts: [card] });
    }
    case 'template': {
      const template: Json = { name: message.name, language: { code: message.language, policy: 'deterministic' } };
      if (message.parameters.length) {
        template.components = [{ type: 'body', parameters: message.parameters.map((text) => ({ type: 'text', text })) }];
      }
      return single({ type: 'template', template });
    }
    case 'product':
      return buildProduct(message.product);
    case 'article':
      return buildArticle(message.article);
    case 'optin_request':
      return { ok: false, code: 'unsupported', error: 'Notification opt-in requests are a Messenger feature; WhatsApp cannot send them' };
  }
}

function single(body: Json, label = 'message'): WhatsAppBuild {
  return { ok: true, parts: [{ label, body }] };
}

function text(body: string): WhatsAppBuild {
  if (!body.trim()) return { ok: false, code: 'empty', error: 'The message is empty' };
  if (body.length > WHATSAPP_LIMITS.text) {
    return { ok: false, code: 'too_long', error: `WhatsApp messages are limited to ${WHATSAPP_LIMITS.text} characters` };
  }
  return single({ type: 'text', text: { preview_url: false, body } });
}

/** Up to 3 choices as reply buttons, up to 10 as a list, beyond that numbered text. Links stay in the text. */
function buildText(message: Extract<OutboundMessage, { kind: 'text' }>): WhatsAppBuild {
  const { payloadButtons, linkButtons, quickReplies } = splitChoices(message);
  const choices = [...payloadButtons, ...quickReplies];
  const body = withLinks(message.text, linkButtons);
  if (choices.length === 0) return text(body);
  if (!message.text.trim()) return text('');
  if (body.length > WHATSAPP_LIMITS.interactiveBody || choices.length > WHATSAPP_LIMITS.listRows) {
    return text(numberedText(message.text, choices, linkButtons));
  }
  if (choices.length <= WHATSAPP_LIMITS.replyButtons) {
    return single({
      type: 'interactive',
      interactive: { type: 'button', body: { text: body }, action: { buttons: choices.map(replyButton) } },
    });
  }
  return single({
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: body },
      action: {
        button: 'Choose',
        sections: [{ rows: choices.map((c) => ({ id: c.payload, title: clip(c.title, WHATSAPP_LIMITS.rowTitle) })) }],
      },
    },
  });
}

function replyButton(choice: PayloadChoice): Json {
  return { type: 'reply', reply: { id: choice.payload, title: clip(choice.title, WHATSAPP_LIMITS.buttonTitle) } };
}

function buildMedia(message: Extract<OutboundMessage, { kind: 'media' }>): WhatsAppBuild {
  const type = message.mediaKind === 'file' ? 'document' : message.mediaKind;
  const media: Json = { link: message.url };
  const caption = message.caption?.trim() ? clip(message.caption, WHATSAPP_LIMITS.caption) : undefined;
  // Audio is the one media type WhatsApp gives no caption: the caption follows as text.
  if (caption && type !== 'audio') media.caption = caption;
  if (type === 'document') {
    const filename = message.name ?? fileNameFromUrl(message.url);
    if (filename) media.filename = filename;
  }
  const parts: Part<Json>[] = [{ label: 'media', body: { type, [type]: media } }];
  if (caption && type === 'audio') parts.push({ label: 'caption', body: { type: 'text', text: { preview_url: false, body: caption } } });
  return { ok: true, parts };
}

function buildProduct(product: ProductCard): WhatsAppBuild {
  const lines = productLines(product);
  if (!product.imageUrl) return text(clip(lines, WHATSAPP_LIMITS.text));
  return single({ type: 'image', image: { link: product.imageUrl, caption: clip(lines, WHATSAPP_LIMITS.caption) } }, 'product');
}

/** An article: text ending in its link, with WhatsApp's link preview (the page's title and image). */
function buildArticle(article: ArticleCard): WhatsAppBuild {
  const head = [article.title, article.excerpt].filter((s) => s.trim()).join('\n');
  const body = `${clip(head, WHATSAPP_LIMITS.text - article.url.length - 2)}\n\n${article.url}`;
  return single({ type: 'text', text: { preview_url: true, body } }, 'article');
}
