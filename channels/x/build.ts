import type { OutboundMessage } from '../types';
import { clip, contactText, locationText, productLines, splitChoices, withLinks, type PayloadChoice } from '../shared/text';
import { X_LIMITS } from './limits';

/** One quick-reply option as X takes it (metadata comes back in quick_reply_response). */
export type XOption = { label: string; metadata: string; description?: string };

/** What one DM carries: its text, at most one attachment (uploaded first), and options. */
export type XDirectMessage = {
  text?: string;
  media?: { url: string; mediaKind: 'image' | 'video' };
  options?: XOption[];
};

export type XBuild = { ok: true; dm: XDirectMessage } | { ok: false; error: string; code: string };

function options(choices: PayloadChoice[]): XOption[] | undefined {
  if (!choices.length) return undefined;
  return choices.slice(0, X_LIMITS.quickReplies).map((c) => ({
    label: clip(c.title, X_LIMITS.optionLabel),
    metadata: c.payload.slice(0, X_LIMITS.optionMetadata),
  }));
}

const text = (value: string) => clip(value, X_LIMITS.text);

/**
 * An outbound message as one X DM: buttons that post back and quick replies become options,
 * links go into the text (a DM has no link buttons), cards become text.
 */
export function buildXMessage(message: OutboundMessage): XBuild {
  switch (message.kind) {
    case 'text': {
      const { payloadButtons, linkButtons, quickReplies } = splitChoices(message);
      const opts = options([...payloadButtons, ...quickReplies]);
      return { ok: true, dm: { text: text(withLinks(message.text, linkButtons)), ...(opts ? { options: opts } : {}) } };
    }
    case 'media':
      if (message.mediaKind !== 'image' && message.mediaKind !== 'video') {
        return { ok: false, error: `X direct messages take images and videos only, not ${message.mediaKind} attachments`, code: 'unsupported_media' };
      }
      return { ok: true, dm: { media: { url: message.url, mediaKind: message.mediaKind }, ...(message.caption ? { text: text(message.caption) } : {}) } };
    case 'location':
      return { ok: true, dm: { text: text(locationText(message)) } };
    case 'contact':
      return { ok: true, dm: { text: text(contactText(message.contact)) } };
    case 'product': {
      const buy = message.product.buyPayload ? options([{ title: 'Buy', payload: message.product.buyPayload }]) : undefined;
      return { ok: true, dm: { text: text(productLines(message.product)), ...(buy ? { options: buy } : {}) } };
    }
    case 'article':
      return { ok: true, dm: { text: text([message.article.title, message.article.excerpt, message.article.url].filter(Boolean).join('\n\n')) } };
    case 'template':
      return { ok: false, error: 'X has no message templates', code: 'unsupported_kind' };
    case 'optin_request':
      return { ok: false, error: 'Notification opt-in requests are a Messenger feature; X cannot send them', code: 'unsupported_kind' };
  }
}
