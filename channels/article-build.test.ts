import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from './types';
import { buildMessengerMessages } from './facebook/build';
import { buildLineMessages } from './line/build';
import { renderForWidget } from './web/render';
import { buildWhatsAppMessages } from './whatsapp/build';

const article: Extract<OutboundMessage, { kind: 'article' }> = {
  kind: 'article',
  article: {
    articleId: '00000000-0000-4000-8000-000000000001',
    title: 'How do returns work?',
    excerpt: 'Send anything back within 30 days, free of charge, with the label from your order email.',
    url: 'https://baton.example/help/shop/returns?lang=en',
  },
};

describe('an article in each channel’s native form', () => {
  it('Messenger: a generic template whose tap and button open the page', () => {
    const built = buildMessengerMessages(article);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const payload = (built.parts[0].body as { attachment: { type: string; payload: Record<string, unknown> } }).attachment;
    expect(payload.type).toBe('template');
    expect(payload.payload.template_type).toBe('generic');
    const [element] = payload.payload.elements as Record<string, unknown>[];
    expect(element.title).toBe('How do returns work?');
    expect(String(element.subtitle).length).toBeLessThanOrEqual(80);
    expect(element.default_action).toEqual({ type: 'web_url', url: article.article.url });
    expect(element.buttons).toEqual([{ type: 'web_url', url: article.article.url, title: 'Read article' }]);
  });

  it('WhatsApp: text ending in the link, with the link preview on', () => {
    const built = buildWhatsAppMessages(article);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.parts[0].body).toEqual({
      type: 'text',
      text: { preview_url: true, body: `How do returns work?\n${article.article.excerpt}\n\n${article.article.url}` },
    });
  });

  it('LINE: a flex bubble with a button to the page', () => {
    const built = buildLineMessages(article);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const [message] = built.messages as Record<string, any>[];
    expect(message.type).toBe('flex');
    expect(message.altText).toBe('How do returns work?');
    expect(message.contents.type).toBe('bubble');
    expect(message.contents.footer.contents[0].action).toEqual({ type: 'uri', label: 'Read article', uri: article.article.url });
  });

  it('widget: a card, and no link that is not http(s)', () => {
    expect(renderForWidget(article)).toEqual({ ok: true, message: { type: 'article', article: article.article } });
    const bad = renderForWidget({ kind: 'article', article: { ...article.article, url: 'javascript:alert(1)' } });
    expect(bad.ok).toBe(false);
  });
});
