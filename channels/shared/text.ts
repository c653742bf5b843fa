import type { Button, ContactCard, OutboundMessage, ProductCard, QuickReply } from '../types';

/**
 * Shorten to a platform's limit (counted in UTF-16 units, the strictest reading of the
 * platforms' "characters") without cutting an emoji in half.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

export type PayloadChoice = { title: string; payload: string };
export type LinkChoice = { title: string; url: string };

export function isLinkButton(button: Button): button is LinkChoice {
  return 'url' in button;
}

/** Buttons and quick replies that post a payload back, in the order the agent gave them. */
export function splitChoices(message: { quickReplies?: QuickReply[]; buttons?: Button[] }): {
  payloadButtons: PayloadChoice[];
  linkButtons: LinkChoice[];
  quickReplies: PayloadChoice[];
} {
  const buttons = message.buttons ?? [];
  return {
    payloadButtons: buttons.filter((b): b is PayloadChoice => !isLinkButton(b)),
    linkButtons: buttons.filter(isLinkButton),
    quickReplies: message.quickReplies ?? [],
  };
}

export function linkLines(links: LinkChoice[]): string {
  return links.map((l) => `${l.title}: ${l.url}`).join('\n');
}

/**
 * Last-resort rendering of choices a platform cannot show as buttons. The customer's
 * answer comes back as plain text ("2"), without the payload.
 */
export function numberedText(text: string, choices: PayloadChoice[], links: LinkChoice[] = []): string {
  const parts = [text];
  if (choices.length) parts.push(choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n'));
  if (links.length) parts.push(linkLines(links));
  return parts.filter(Boolean).join('\n\n');
}

export function withLinks(text: string, links: LinkChoice[]): string {
  return links.length ? [text, linkLines(links)].filter(Boolean).join('\n\n') : text;
}

export function mapsUrl(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

export function locationText(m: Extract<OutboundMessage, { kind: 'location' }>): string {
  return [m.name, m.address, mapsUrl(m.latitude, m.longitude)].filter(Boolean).join('\n');
}

export function contactText(contact: ContactCard): string {
  return [contact.name, ...contact.phones, ...(contact.emails ?? [])].filter(Boolean).join('\n');
}

export function productLines(product: ProductCard): string {
  return [product.name, product.price, product.description, product.url].filter(Boolean).join('\n');
}

export function fileNameFromUrl(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}
