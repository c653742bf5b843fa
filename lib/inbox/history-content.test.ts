import { describe, expect, it } from 'vitest';
import { messageContent } from './history-content';

const fileId = '3f1e2d4c-5b6a-4789-8abc-0123456789ab';

describe('messageContent', () => {
  it('shows our own files through the member-only path, even when sent as a signed link', () => {
    const content = messageContent({
      kind: 'image',
      body: 'the slip',
      attachments: [{ kind: 'image', url: `https://inbox.example/api/files/${fileId}?exp=1&sig=abc`, name: 'slip.png', size: 1200 }],
      payload: null,
    });
    expect(content).toEqual({ type: 'media', caption: 'the slip', items: [{ kind: 'image', url: `/api/files/${fileId}`, name: 'slip.png', mimeType: null, size: 1200 }] });
  });

  it('drops URLs that are not http(s)', () => {
    const content = messageContent({ kind: 'file', body: null, attachments: [{ kind: 'file', url: 'javascript:alert(1)', name: 'x' }], payload: null });
    expect(content).toMatchObject({ type: 'media', items: [{ url: null, name: 'x' }] });
  });

  it('reads locations, contacts and products from inbound, seeded and outbound payloads', () => {
    expect(messageContent({ kind: 'location', body: null, attachments: [], payload: { latitude: 13.75, longitude: 100.5, name: 'Shop' } })).toMatchObject({
      type: 'location',
      latitude: 13.75,
      name: 'Shop',
      mapUrl: 'https://www.google.com/maps/search/?api=1&query=13.75%2C100.5',
    });
    expect(
      messageContent({ kind: 'contact', body: 'Demo Shop', attachments: [], payload: { outbound: { kind: 'contact', contact: { name: 'Demo Shop', phones: ['+6620'] } } } }),
    ).toEqual({ type: 'contact', contacts: [{ name: 'Demo Shop', phones: ['+6620'], emails: [] }] });
    expect(messageContent({ kind: 'product', body: null, attachments: [], payload: { name: 'Tote', price: 590, currency: 'THB', imageUrl: 'https://x.example/t.jpg' } })).toMatchObject({
      type: 'product',
      name: 'Tote',
      price: '฿590.00', // the same as catalogue prices (lib/commerce/money.ts)
      imageUrl: 'https://x.example/t.jpg',
    });
  });

  it('reads templates with their rendered text', () => {
    expect(
      messageContent({
        kind: 'template',
        body: 'Template: back_in_stock',
        attachments: [],
        payload: { outbound: { kind: 'template', name: 'back_in_stock', language: 'en', parameters: ['Anan'] }, template: { rendered: 'Hi Anan' } },
      }),
    ).toEqual({ type: 'template', name: 'back_in_stock', language: 'en', parameters: ['Anan'], text: 'Hi Anan' });
  });
});
