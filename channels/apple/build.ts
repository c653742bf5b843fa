import type { OutboundMessage } from '../types';
import { clip, contactText, locationText, productLines, splitChoices, withLinks, type PayloadChoice } from '../shared/text';
import { APPLE_INTERACTIVE_BID, APPLE_LIMITS, ATTACHMENT_MARK } from './constants';

/** What one message to Apple carries, before the id, sourceId and destinationId are added. */
export type AppleContent =
  | { type: 'text'; body: string }
  | { type: 'richLink'; richLinkData: { url: string; title: string } }
  | {
      type: 'interactive';
      interactiveData: {
        bid: string;
        data: {
          version: '1.0';
          requestIdentifier: string;
          listPicker: { sections: { order: number; title: string; multipleSelection: false; items: AppleListItem[] }[] };
        };
        receivedMessage: { title: string; style: 'icon' };
        replyMessage: { title: string; style: 'icon' };
      };
    };

export type AppleListItem = { identifier: string; order: number; style: 'default'; title: string };

/** The file a message carries: uploaded to Apple's MMCS just before the send, then named in `attachments`. */
export type AppleUpload = { url: string; mediaKind: Extract<OutboundMessage, { kind: 'media' }>['mediaKind']; name?: string };

export type AppleBuild = { ok: true; content: AppleContent; upload?: AppleUpload } | { ok: false; error: string; code: string };

const text = (value: string): AppleBuild => ({ ok: true, content: { type: 'text', body: clip(value, APPLE_LIMITS.text) } });

/**
 * Choices that post back as a list picker: the bubble shows the text (Apple's received
 * message title), the customer picks one item and its identifier comes back as the payload.
 */
function listPicker(title: string, choices: PayloadChoice[], requestIdentifier: string): AppleBuild {
  const items = choices.slice(0, APPLE_LIMITS.listItems).map((choice, order) => ({
    identifier: choice.payload.slice(0, APPLE_LIMITS.identifier),
    order,
    style: 'default' as const,
    title: clip(choice.title, APPLE_LIMITS.itemTitle),
  }));
  return {
    ok: true,
    content: {
      type: 'interactive',
      interactiveData: {
        bid: APPLE_INTERACTIVE_BID,
        data: {
          version: '1.0',
          requestIdentifier,
          listPicker: { sections: [{ order: 0, title: 'Choose one', multipleSelection: false, items }] },
        },
        receivedMessage: { title: clip(title || 'Choose one', APPLE_LIMITS.text), style: 'icon' },
        replyMessage: { title: 'Selected', style: 'icon' },
      },
    },
  };
}

/** A link as Apple shows it: a rich link bubble (Apple asks every URL to go out as one). */
function richLink(url: string, title: string): AppleBuild {
  return { ok: true, content: { type: 'richLink', richLinkData: { url, title: clip(title || url, APPLE_LIMITS.itemTitle) } } };
}

/**
 * An outbound message as one Apple message: text; text with choices that post back as a
 * list picker; an article, or a product with a page and nothing to buy, as a rich link; an
 * attachment as a text holding its placeholder, the file uploaded by the send.
 * `requestIdentifier` ties a list picker to the customer's answer (our message id).
 */
export function buildAppleMessage(message: OutboundMessage, requestIdentifier: string): AppleBuild {
  switch (message.kind) {
    case 'text': {
      const { payloadButtons, linkButtons, quickReplies } = splitChoices(message);
      const choices = [...payloadButtons, ...quickReplies];
      const body = withLinks(message.text, linkButtons);
      return choices.length ? listPicker(body, choices, requestIdentifier) : text(body);
    }
    case 'article':
      return richLink(message.article.url, message.article.title);
    case 'product': {
      const { product } = message;
      if (product.buyPayload) return listPicker(productLines(product), [{ title: 'Buy', payload: product.buyPayload }], requestIdentifier);
      return product.url ? richLink(product.url, product.name) : text(productLines(product));
    }
    case 'location':
      return text(locationText(message));
    case 'contact':
      return text(contactText(message.contact));
    case 'media': {
      // Apple's text body holds U+FFFC where the attachment shows; the caption stays as text beside it.
      const caption = message.caption?.trim() ? clip(message.caption.trim(), APPLE_LIMITS.text - 2) : '';
      return {
        ok: true,
        content: { type: 'text', body: caption ? `${caption}\n${ATTACHMENT_MARK}` : ATTACHMENT_MARK },
        upload: { url: message.url, mediaKind: message.mediaKind, ...(message.name ? { name: message.name } : {}) },
      };
    }
    case 'template':
      return { ok: false, error: 'Apple Messages for Business has no message templates', code: 'unsupported_kind' };
    case 'optin_request':
      return { ok: false, error: 'Notification opt-in requests are a Messenger feature; Apple cannot send them', code: 'unsupported_kind' };
  }
}
