import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '@/channels/types';
import { inboundView, outboundView, phoneImageUrl } from './phone-view';

const FILE = '3f1e2d4c-5b6a-4789-8abc-0123456789ab';
const signed = `https://shop.example/api/files/${FILE}?exp=1999999999&sig=abc`;
const own = `/api/files/${FILE}`;

const sent = (outbound: OutboundMessage, extra: Record<string, unknown> = {}) => ({
  kind: (outbound.kind === 'media' ? outbound.mediaKind : outbound.kind) as never,
  body: null,
  attachments: [],
  payload: { outbound, ...extra },
});

const product: OutboundMessage = {
  kind: 'product',
  product: { name: 'Straw sun hat', price: '฿790.00', description: 'Hand-woven, wide brim.', imageUrl: signed, url: 'https://shop.example/hat', buyPayload: 'BUY:p1' },
};

describe('phoneImageUrl', () => {
  it('loads only our stored files, by their members-only address', () => {
    expect(phoneImageUrl(signed)).toBe(own);
    expect(phoneImageUrl(own)).toBe(own);
    expect(phoneImageUrl('https://images.example.com/hat.jpg')).toBeNull();
    expect(phoneImageUrl(null)).toBeNull();
  });
});

describe('product cards, as each channel sends them', () => {
  it('Messenger: a generic template card with image, price and Buy / View buttons', () => {
    expect(outboundView('facebook', sent(product))).toEqual({
      quickReplies: [],
      bubbles: [
        {
          type: 'card',
          imageUrl: own,
          title: 'Straw sun hat',
          subtitle: '฿790.00 · Hand-woven, wide brim.',
          description: null,
          buttons: [
            { title: 'Buy', payload: 'BUY:p1', url: null },
            { title: 'View', payload: null, url: 'https://shop.example/hat' },
          ],
        },
      ],
    });
  });

  it('LINE: a flex bubble with hero image, name, price, description and buttons', () => {
    expect(outboundView('line', sent(product)).bubbles).toEqual([
      {
        type: 'card',
        imageUrl: own,
        title: 'Straw sun hat',
        subtitle: '฿790.00',
        description: 'Hand-woven, wide brim.',
        buttons: [
          { title: 'Buy', payload: 'BUY:p1', url: null },
          { title: 'View', payload: null, url: 'https://shop.example/hat' },
        ],
      },
    ]);
  });

  it('WhatsApp: a picture with the product in its caption (no buttons: WhatsApp has none for it)', () => {
    expect(outboundView('whatsapp', sent(product)).bubbles).toEqual([
      { type: 'image', url: own, caption: 'Straw sun hat\n฿790.00\nHand-woven, wide brim.\nhttps://shop.example/hat' },
    ]);
  });

  it('a picture from another site is never loaded', () => {
    const outside: OutboundMessage = { kind: 'product', product: { ...product.product, imageUrl: 'https://images.example.com/hat.jpg' } };
    expect(outboundView('facebook', sent(outside)).bubbles[0]).toMatchObject({ type: 'card', imageUrl: null });
  });

  it('a seeded product message (no outbound payload) is drawn the same way', () => {
    const seeded = { kind: 'product' as const, body: null, attachments: [], payload: { name: 'Canvas tote', price: 590, currency: 'THB', imageUrl: signed } };
    expect(outboundView('facebook', seeded).bubbles).toEqual([
      { type: 'card', imageUrl: own, title: 'Canvas tote', subtitle: '฿590.00', description: null, buttons: [] },
    ]);
  });
});

describe('pictures, locations and templates', () => {
  const image: OutboundMessage = { kind: 'media', mediaKind: 'image', url: signed, caption: 'Colour swatch' };
  const place: OutboundMessage = { kind: 'location', latitude: 13.7465, longitude: 100.5348, name: 'Demo Shop Siam', address: '989 Rama I Rd' };

  it('a picture with its caption; Messenger sends the caption as a message after it', () => {
    expect(outboundView('whatsapp', sent(image)).bubbles).toEqual([{ type: 'image', url: own, caption: 'Colour swatch' }]);
    expect(outboundView('facebook', sent(image)).bubbles).toEqual([
      { type: 'image', url: own, caption: null },
      { type: 'text', text: 'Colour swatch', buttons: [] },
    ]);
    expect(outboundView('line', sent(image)).bubbles).toEqual([
      { type: 'image', url: own, caption: null },
      { type: 'text', text: 'Colour swatch', buttons: [] },
    ]);
  });

  it('a location is a map card on WhatsApp and LINE, a maps link in text on Messenger', () => {
    const card = { type: 'location', name: 'Demo Shop Siam', address: '989 Rama I Rd', latitude: 13.7465, longitude: 100.5348, mapUrl: expect.stringContaining('13.7465') };
    expect(outboundView('whatsapp', sent(place)).bubbles).toEqual([card]);
    expect(outboundView('line', sent(place)).bubbles).toEqual([card]);
    expect(outboundView('facebook', sent(place)).bubbles).toEqual([
      { type: 'text', text: 'Demo Shop Siam\n989 Rama I Rd\nhttps://www.google.com/maps/search/?api=1&query=13.7465,100.5348', buttons: [] },
    ]);
  });

  it('a WhatsApp template shows its filled-in body, not its name', () => {
    const template: OutboundMessage = { kind: 'template', name: 'order_update', language: 'en_US', parameters: ['Anan', '#1049'] };
    const message = { ...sent(template, { template: { rendered: 'Hi Anan, your Demo Shop order #1049 has been shipped' } }), body: 'Template: order_update' };
    expect(outboundView('whatsapp', message).bubbles).toEqual([{ type: 'template', text: 'Hi Anan, your Demo Shop order #1049 has been shipped' }]);
  });

  it('a contact card', () => {
    const contact: OutboundMessage = { kind: 'contact', contact: { name: 'Somsak Courier', phones: ['+66 81 234 5678'], emails: ['s@example.com'] } };
    expect(outboundView('whatsapp', sent(contact)).bubbles).toEqual([{ type: 'contact', name: 'Somsak Courier', phones: ['+66 81 234 5678'], emails: ['s@example.com'] }]);
  });
});

describe('choices: button templates, quick replies, lists', () => {
  const ask = (choices: number, style: 'buttons' | 'quickReplies'): OutboundMessage => {
    const options = Array.from({ length: choices }, (_, i) => ({ title: `Option ${i + 1}`, payload: `OPT_${i + 1}` }));
    return { kind: 'text', text: 'Anything else?', [style]: options };
  };

  it('Messenger and LINE: buttons make a button template, with its buttons in the bubble', () => {
    const buttons = [
      { title: 'Option 1', payload: 'OPT_1', url: null },
      { title: 'Option 2', payload: 'OPT_2', url: null },
    ];
    expect(outboundView('facebook', sent(ask(2, 'buttons')))).toEqual({ bubbles: [{ type: 'text', text: 'Anything else?', buttons }], quickReplies: [] });
    expect(outboundView('line', sent(ask(2, 'buttons')))).toEqual({ bubbles: [{ type: 'text', text: 'Anything else?', buttons }], quickReplies: [] });
    const link: OutboundMessage = { kind: 'text', text: 'Our shop', buttons: [{ title: 'Open', url: 'https://shop.example' }] };
    expect(outboundView('facebook', sent(link)).bubbles[0]).toEqual({ type: 'text', text: 'Our shop', buttons: [{ title: 'Open', payload: null, url: 'https://shop.example' }] });
  });

  it('Messenger and LINE: quick replies are chips under the conversation, not in the bubble', () => {
    const view = outboundView('facebook', sent(ask(3, 'quickReplies')));
    expect(view.bubbles).toEqual([{ type: 'text', text: 'Anything else?', buttons: [] }]);
    expect(view.quickReplies.map((q) => q.payload)).toEqual(['OPT_1', 'OPT_2', 'OPT_3']);
    expect(outboundView('line', sent(ask(3, 'quickReplies'))).quickReplies).toHaveLength(3);
  });

  it('WhatsApp: up to 3 choices are reply buttons in the bubble, up to 10 a list', () => {
    const three = outboundView('whatsapp', sent(ask(3, 'quickReplies')));
    expect(three.quickReplies).toEqual([]);
    expect(three.bubbles[0]).toMatchObject({ type: 'text', text: 'Anything else?', buttons: [{ title: 'Option 1', payload: 'OPT_1' }, {}, {}] });
    const five = outboundView('whatsapp', sent(ask(5, 'quickReplies')));
    expect(five.bubbles[0]).toMatchObject({ type: 'list', text: 'Anything else?', button: 'Choose' });
    expect(five.bubbles[0].type === 'list' && five.bubbles[0].rows.map((r) => r.payload)).toEqual(['OPT_1', 'OPT_2', 'OPT_3', 'OPT_4', 'OPT_5']);
  });

  it('falls back to the stored text when the channel cannot send the message', () => {
    const template: OutboundMessage = { kind: 'template', name: 'order_update', language: 'en_US', parameters: [] };
    expect(outboundView('facebook', { ...sent(template), body: 'Template: order_update' }).bubbles).toEqual([{ type: 'text', text: 'Template: order_update', buttons: [] }]);
  });
});

describe('what the customer sent', () => {
  it('text, their pictures and their locations', () => {
    expect(inboundView({ kind: 'text', body: 'Hi!', attachments: [], payload: null }).bubbles).toEqual([{ type: 'text', text: 'Hi!', buttons: [] }]);
    expect(inboundView({ kind: 'image', body: 'my slip', attachments: [{ kind: 'image', url: own, mimeType: 'image/jpeg' }], payload: null }).bubbles).toEqual([
      { type: 'image', url: own, caption: null },
      { type: 'text', text: 'my slip', buttons: [] },
    ]);
    expect(inboundView({ kind: 'location', body: null, attachments: [], payload: { latitude: 13.7, longitude: 100.5, name: 'Home', address: 'Soi 1' } }).bubbles).toEqual([
      { type: 'location', name: 'Home', address: 'Soi 1', latitude: 13.7, longitude: 100.5, mapUrl: expect.any(String) },
    ]);
  });
});

describe('Messenger notification opt-in requests', () => {
  it('are a card with the title and how often, which the customer can accept', () => {
    const request: OutboundMessage = { kind: 'optin_request', title: 'Weekly deals', payload: 'baton-optin:1', frequency: 'WEEKLY', timezone: 'Asia/Bangkok' };
    expect(outboundView('facebook', { kind: 'text' as never, body: 'Notification opt-in request (weekly): Weekly deals', attachments: [], payload: { outbound: request } })).toEqual({
      quickReplies: [],
      bubbles: [{ type: 'optin', title: 'Weekly deals', frequency: 'weekly' }],
    });
  });
});

describe('Apple Messages, as the customer’s Messages app shows it', () => {
  it('a text is a bubble, choices a list picker behind one button, an article a rich link', () => {
    expect(outboundView('apple', sent({ kind: 'text', text: 'Hello' })).bubbles).toEqual([{ type: 'text', text: 'Hello', buttons: [] }]);
    const picker = outboundView('apple', sent({ kind: 'text', text: 'Which size?', quickReplies: [{ title: 'Small', payload: 'S' }, { title: 'Large', payload: 'L' }] }));
    expect(picker).toEqual({
      bubbles: [{ type: 'list', text: 'Which size?', button: 'Choose', rows: [{ title: 'Small', payload: 'S', url: null }, { title: 'Large', payload: 'L', url: null }] }],
      quickReplies: [],
    });
    const article = outboundView('apple', sent({ kind: 'article', article: { articleId: 'a', title: 'Returns', excerpt: 'Within 30 days', url: 'https://shop.example/help/returns' } }));
    expect(article.bubbles).toEqual([
      { type: 'card', imageUrl: null, title: 'Returns', subtitle: 'shop.example', description: null, buttons: [{ title: 'Open', payload: null, url: 'https://shop.example/help/returns' }] },
    ]);
  });

  it('an attachment is the picture or file itself, its caption beside it (the U+FFFC placeholder is not shown)', () => {
    expect(outboundView('apple', sent({ kind: 'media', mediaKind: 'image', url: signed, caption: 'Colour swatch' })).bubbles).toEqual([
      { type: 'image', url: own, caption: 'Colour swatch' },
    ]);
    expect(outboundView('apple', sent({ kind: 'media', mediaKind: 'file', url: signed, name: 'invoice.pdf' })).bubbles).toEqual([
      { type: 'media', kind: 'file', url: own, name: 'invoice.pdf', caption: null },
    ]);
  });
});
