import type { ArticleCard, OutboundMessage, ProductCard } from '../types';
import type { Json } from '../shared/json';
import type { Part } from '../shared/parts';
import {
  clip,
  contactText,
  isLinkButton,
  locationText,
  numberedText,
  splitChoices,
  withLinks,
  type PayloadChoice,
} from '../shared/text';

export const MESSENGER_LIMITS = {
  /** A notification opt-in request's title (Meta: 65 characters). */
  optinTitle: 65,
  text: 2000,
  buttonTemplateText: 640,
  buttons: 3,
  quickReplies: 13,
  title: 20,
  elementTitle: 80,
} as const;

export type MessengerBuild = { ok: true; parts: Part<Json>[] } | { ok: false; error: string; code: string };

/**
 * What a Send API platform takes: Messenger, and Instagram Direct (which shares the body
 * but takes shorter texts, no button template and no file attachments).
 */
export type SendApiProfile = {
  label: string;
  text: number;
  /** Text with up to three buttons as one bubble; without it payload buttons become chips. */
  buttonTemplate: boolean;
  mediaKinds: readonly Extract<OutboundMessage, { kind: 'media' }>['mediaKind'][];
};

export const MESSENGER_PROFILE: SendApiProfile = {
  label: 'Messenger',
  text: MESSENGER_LIMITS.text,
  buttonTemplate: true,
  mediaKinds: ['image', 'video', 'audio', 'file'],
};

/** OutboundMessage → the `message` objects of one or more Send API calls. */
export function buildMessengerMessages(message: OutboundMessage, profile: SendApiProfile = MESSENGER_PROFILE): MessengerBuild {
  switch (message.kind) {
    case 'text':
      return buildText(message, profile);
    case 'media': {
      if (!profile.mediaKinds.includes(message.mediaKind)) {
        return { ok: false, code: 'unsupported', error: `${profile.label} cannot send ${message.mediaKind === 'file' ? 'documents' : `${message.mediaKind} attachments`}` };
      }
      const parts: Part<Json>[] = [
        { label: 'attachment', body: { attachment: { type: message.mediaKind, payload: { url: message.url, is_reusable: true } } } },
      ];
      // Messenger attachments carry no caption: it follows as its own message.
      if (message.caption?.trim()) parts.push({ label: 'caption', body: { text: clip(message.caption, profile.text) } });
      return { ok: true, parts };
    }
    case 'location':
      // The Send API cannot send a location; a maps link is the closest thing.
      return textOnly(locationText(message), profile);
    case 'contact':
      return textOnly(contactText(message.contact), profile);
    case 'template':
      return { ok: false, code: 'unsupported', error: `Message templates are a WhatsApp feature; ${profile.label} cannot send them` };
    case 'product':
      return { ok: true, parts: [{ label: 'product', body: productTemplate(message.product) }] };
    case 'article':
      return { ok: true, parts: [{ label: 'article', body: articleTemplate(message.article) }] };
    case 'optin_request':
      return optinRequest(message, profile);
  }
}

function textOnly(text: string, profile: SendApiProfile): MessengerBuild {
  if (!text.trim()) return { ok: false, code: 'empty', error: 'The message is empty' };
  if (text.length > profile.text) {
    return { ok: false, code: 'too_long', error: `${profile.label} messages are limited to ${profile.text} characters` };
  }
  return { ok: true, parts: [{ label: 'text', body: { text } }] };
}

function buildText(message: Extract<OutboundMessage, { kind: 'text' }>, profile: SendApiProfile): MessengerBuild {
  const { payloadButtons, linkButtons, quickReplies } = splitChoices(message);
  const buttons = message.buttons ?? [];
  const base = textOnly(message.text, profile);
  if (!base.ok) return base;

  if (
    profile.buttonTemplate &&
    buttons.length > 0 &&
    buttons.length <= MESSENGER_LIMITS.buttons &&
    message.text.length <= MESSENGER_LIMITS.buttonTemplateText &&
    quickReplies.length <= MESSENGER_LIMITS.quickReplies
  ) {
    const template: Json = {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: message.text,
          buttons: buttons.map((b) =>
            isLinkButton(b)
              ? { type: 'web_url', url: b.url, title: clip(b.title, MESSENGER_LIMITS.title) }
              : { type: 'postback', title: clip(b.title, MESSENGER_LIMITS.title), payload: b.payload },
          ),
        },
      },
    };
    if (quickReplies.length) template.quick_replies = quickReplies.map(quickReply);
    return { ok: true, parts: [{ label: 'text', body: template }] };
  }

  // Too many buttons (or too long a text) for a button template: payload buttons become
  // quick-reply chips, links go into the text; beyond 13 chips, a numbered list.
  const chips = [...payloadButtons, ...quickReplies];
  if (chips.length === 0) return textOnly(withLinks(message.text, linkButtons), profile);
  if (chips.length <= MESSENGER_LIMITS.quickReplies) {
    const text = textOnly(withLinks(message.text, linkButtons), profile);
    if (!text.ok) return text;
    return { ok: true, parts: [{ label: 'text', body: { ...text.parts[0].body, quick_replies: chips.map(quickReply) } }] };
  }
  return textOnly(numberedText(message.text, chips, linkButtons), profile);
}

function quickReply(choice: PayloadChoice): Json {
  return { content_type: 'text', title: clip(choice.title, MESSENGER_LIMITS.title), payload: choice.payload };
}

function productTemplate(product: ProductCard): Json {
  const buttons: Json[] = [];
  if (product.buyPayload) buttons.push({ type: 'postback', title: 'Buy', payload: product.buyPayload });
  if (product.url) buttons.push({ type: 'web_url', url: product.url, title: 'View' });
  const subtitle = [product.price, product.description].filter(Boolean).join(' · ');
  const element: Json = { title: clip(product.name, MESSENGER_LIMITS.elementTitle) };
  if (subtitle) element.subtitle = clip(subtitle, MESSENGER_LIMITS.elementTitle);
  if (product.imageUrl) element.image_url = product.imageUrl;
  if (product.url) element.default_action = { type: 'web_url', url: product.url };
  if (buttons.length) element.buttons = buttons;
  return { attachment: { type: 'template', payload: { template_type: 'generic', elements: [element] } } };
}

/** An article: a generic template whose tap and button open the help centre page. */
function articleTemplate(article: ArticleCard): Json {
  const element: Json = {
    title: clip(article.title, MESSENGER_LIMITS.elementTitle),
    default_action: { type: 'web_url', url: article.url },
    buttons: [{ type: 'web_url', url: article.url, title: 'Read article' }],
  };
  if (article.excerpt.trim()) element.subtitle = clip(article.excerpt, MESSENGER_LIMITS.elementTitle);
  return { attachment: { type: 'template', payload: { template_type: 'generic', elements: [element] } } };
}

/**
 * Meta's notification opt-in request (Marketing Messages): the customer sees the title and a
 * button to get messages; `payload` comes back with their opt-in, `reoptin` lets Meta ask
 * them again when the token is about to expire.
 */
function optinRequest(message: Extract<OutboundMessage, { kind: 'optin_request' }>, profile: SendApiProfile): MessengerBuild {
  if (profile !== MESSENGER_PROFILE) return { ok: false, code: 'unsupported', error: `${profile.label} cannot send notification opt-in requests` };
  const title = message.title.trim();
  if (!title) return { ok: false, code: 'empty', error: 'The opt-in request needs a title' };
  if (title.length > MESSENGER_LIMITS.optinTitle) {
    return { ok: false, code: 'too_long', error: `An opt-in request's title is limited to ${MESSENGER_LIMITS.optinTitle} characters` };
  }
  const body: Json = {
    attachment: {
      type: 'template',
      payload: {
        template_type: 'notification_messages',
        title,
        payload: message.payload,
        notification_messages_frequency: message.frequency,
        notification_messages_reoptin: 'ENABLED',
        notification_messages_timezone: message.timezone,
      },
    },
  };
  return { ok: true, parts: [{ label: 'optin_request', body }] };
}
