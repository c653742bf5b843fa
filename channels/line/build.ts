import type { ArticleCard, OutboundMessage, ProductCard } from '../types';
import type { Json } from '../shared/json';
import { normaliseAudioType } from '../shared/audio';
import {
  clip,
  contactText,
  fileNameFromUrl,
  isLinkButton,
  numberedText,
  splitChoices,
  withLinks,
  type PayloadChoice,
} from '../shared/text';

export const LINE_LIMITS = {
  text: 5000,
  quickReplies: 13,
  label: 20,
  templateActions: 4,
  templateText: 160,
  altText: 400,
  data: 300,
  locationField: 100,
} as const;

/** One reply/push request carries up to 5 message objects, sent atomically. */
export type LineBuild = { ok: true; messages: Json[] } | { ok: false; error: string; code: string };

export function buildLineMessages(message: OutboundMessage): LineBuild {
  switch (message.kind) {
    case 'text':
      return buildText(message);
    case 'media':
      return buildMedia(message);
    case 'location':
      return {
        ok: true,
        messages: [
          {
            type: 'location',
            title: clip(message.name || 'Location', LINE_LIMITS.locationField),
            address: clip(message.address || `${message.latitude}, ${message.longitude}`, LINE_LIMITS.locationField),
            latitude: message.latitude,
            longitude: message.longitude,
          },
        ],
      };
    case 'contact':
      return text(contactText(message.contact));
    case 'template':
      return { ok: false, code: 'unsupported', error: 'Message templates are a WhatsApp feature; LINE cannot send them' };
    case 'product':
      return { ok: true, messages: [productFlex(message.product)] };
    case 'article':
      return { ok: true, messages: [articleFlex(message.article)] };
    case 'optin_request':
      return { ok: false, code: 'unsupported', error: 'Notification opt-in requests are a Messenger feature; LINE cannot send them' };
  }
}

function textObject(body: string): Json {
  return { type: 'text', text: body };
}

function text(body: string, quickReplies: PayloadChoice[] = []): LineBuild {
  if (!body.trim()) return { ok: false, code: 'empty', error: 'The message is empty' };
  if (body.length > LINE_LIMITS.text) return { ok: false, code: 'too_long', error: `LINE messages are limited to ${LINE_LIMITS.text} characters` };
  const object = textObject(body);
  if (quickReplies.length) object.quickReply = quickReply(quickReplies);
  return { ok: true, messages: [object] };
}

function postbackAction(choice: PayloadChoice): Json {
  // displayText shows the customer's choice in the chat, as tapping a chip would elsewhere.
  return { type: 'postback', label: clip(choice.title, LINE_LIMITS.label), data: choice.payload, displayText: clip(choice.title, 300) };
}

function quickReply(choices: PayloadChoice[]): Json {
  return { items: choices.map((c) => ({ type: 'action', action: postbackAction(c) })) };
}

function buildText(message: Extract<OutboundMessage, { kind: 'text' }>): LineBuild {
  const { payloadButtons, linkButtons, quickReplies } = splitChoices(message);
  const buttons = message.buttons ?? [];
  const plain = text(message.text);
  if (!plain.ok) return plain;

  if (
    buttons.length > 0 &&
    buttons.length <= LINE_LIMITS.templateActions &&
    message.text.length <= LINE_LIMITS.templateText &&
    quickReplies.length <= LINE_LIMITS.quickReplies
  ) {
    const template: Json = {
      type: 'template',
      altText: clip(message.text, LINE_LIMITS.altText),
      template: {
        type: 'buttons',
        text: message.text,
        actions: buttons.map((b) =>
          isLinkButton(b) ? { type: 'uri', label: clip(b.title, LINE_LIMITS.label), uri: b.url } : postbackAction(b),
        ),
      },
    };
    if (quickReplies.length) template.quickReply = quickReply(quickReplies);
    return { ok: true, messages: [template] };
  }

  // Doesn't fit a buttons template: payload buttons join the quick-reply chips, links go into the text.
  const chips = [...payloadButtons, ...quickReplies];
  if (chips.length <= LINE_LIMITS.quickReplies) return text(withLinks(message.text, linkButtons), chips);
  return text(numberedText(message.text, chips, linkButtons));
}

function buildMedia(message: Extract<OutboundMessage, { kind: 'media' }>): LineBuild {
  const caption = message.caption?.trim() ? message.caption : undefined;
  if (message.mediaKind === 'image') {
    const messages: Json[] = [{ type: 'image', originalContentUrl: message.url, previewImageUrl: message.url }];
    if (caption) messages.push(textObject(clip(caption, LINE_LIMITS.text)));
    return { ok: true, messages };
  }
  // An audio message is an M4A link with its length: the outbox converts and measures it first.
  if (message.mediaKind === 'audio' && message.durationMs !== undefined && isM4a(message.mimeType)) {
    const messages: Json[] = [{ type: 'audio', originalContentUrl: message.url, duration: Math.max(1, Math.round(message.durationMs)) }];
    if (caption) messages.push(textObject(clip(caption, LINE_LIMITS.text)));
    return { ok: true, messages };
  }
  // Bots cannot send files; video needs a separate preview image, and audio not yet
  // converted to M4A and measured has no duration: a link is what the customer can open.
  const name = message.name ?? fileNameFromUrl(message.url) ?? message.mediaKind;
  return text(clip([caption, `${name}: ${message.url}`].filter(Boolean).join('\n'), LINE_LIMITS.text));
}

function productFlex(product: ProductCard): Json {
  const body: Json[] = [{ type: 'text', text: product.name, weight: 'bold', size: 'lg', wrap: true }];
  if (product.price) body.push({ type: 'text', text: product.price, size: 'md', margin: 'sm' });
  if (product.description) body.push({ type: 'text', text: product.description, size: 'sm', color: '#666666', wrap: true, margin: 'md' });
  const footer: Json[] = [];
  if (product.buyPayload) {
    footer.push({
      type: 'button',
      style: 'primary',
      action: { type: 'postback', label: 'Buy', data: product.buyPayload, displayText: clip(`Buy ${product.name}`, 300) },
    });
  }
  if (product.url) footer.push({ type: 'button', style: 'link', action: { type: 'uri', label: 'View', uri: product.url } });
  const bubble: Json = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: body } };
  if (product.imageUrl) bubble.hero = { type: 'image', url: product.imageUrl, size: 'full', aspectRatio: '20:13', aspectMode: 'cover' };
  if (footer.length) bubble.footer = { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer };
  const altText = [product.name, product.price].filter(Boolean).join(' – ');
  return { type: 'flex', altText: clip(altText, LINE_LIMITS.altText), contents: bubble };
}

/** An article: a flex bubble, its title and excerpt, with a button that opens the page. */
function articleFlex(article: ArticleCard): Json {
  const body: Json[] = [{ type: 'text', text: article.title, weight: 'bold', size: 'md', wrap: true }];
  if (article.excerpt.trim()) body.push({ type: 'text', text: clip(article.excerpt, 300), size: 'sm', color: '#666666', wrap: true, margin: 'md' });
  return {
    type: 'flex',
    altText: clip(article.title, LINE_LIMITS.altText),
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: body, action: { type: 'uri', label: 'Open', uri: article.url } },
      footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', style: 'link', action: { type: 'uri', label: 'Read article', uri: article.url } }] },
    },
  };
}

function isM4a(mimeType: string | undefined): boolean {
  return mimeType !== undefined && normaliseAudioType(mimeType) === 'audio/mp4';
}
