import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendContext } from '../types';
import { fakeFetch, hangingReply, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { markAsRead, whatsappAdapter } from '.';

const credentials = { appSecret: 's', accessToken: 'WA_TOKEN', verifyToken: 'v' };
const api = { ...API, accountId: 'PN_1' };
const ctx: SendContext = { recipient: '16505551234', idempotencyKey: '6f1c2d3e-1111-4222-8333-444455556666' };
const ok = (id: string) => jsonResponse(200, { messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id }] });

async function sendOne(message: OutboundMessage, extra: Partial<SendContext> = {}) {
  const fake = fakeFetch(ok('wamid.1'), ok('wamid.2'));
  const result = await whatsappAdapter.send(message, { ...ctx, ...extra }, credentials, api, { fetch: fake.fetch });
  return { result, calls: fake.calls, body: fake.calls[0]?.body as Record<string, any> };
}

describe('WhatsApp send', () => {
  it('text: POST {graph}/{phone_number_id}/messages with Bearer, individual recipient, preview off', async () => {
    const { result, calls, body } = await sendOne({ kind: 'text', text: 'Hello' });
    expect(result).toEqual({ ok: true, externalId: 'wamid.1' });
    expect(calls[0].url).toBe('https://graph.test/v21.0/PN_1/messages');
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers.authorization).toBe('Bearer WA_TOKEN');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].url).not.toContain('WA_TOKEN');
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Hello' },
    });
  });

  it('quotes with context.message_id when replying', async () => {
    const { body } = await sendOne({ kind: 'text', text: 'Yes' }, { replyToExternalId: 'wamid.ORIG' });
    expect(body.context).toEqual({ message_id: 'wamid.ORIG' });
  });

  it('≤ 3 choices → reply buttons (titles ≤ 20); ≤ 10 → list; beyond → numbered text; links stay in the text', async () => {
    const three = await sendOne({
      kind: 'text',
      text: 'Size?',
      buttons: [{ title: 'Small', payload: 'S' }, { title: 'Size guide', url: 'https://shop.test/sizes' }],
      quickReplies: [{ title: 'Medium – the most popular size', payload: 'M' }, { title: 'Large', payload: 'L' }],
    });
    expect(three.body.type).toBe('interactive');
    expect(three.body.interactive).toEqual({
      type: 'button',
      body: { text: 'Size?\n\nSize guide: https://shop.test/sizes' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'S', title: 'Small' } },
          { type: 'reply', reply: { id: 'M', title: 'Medium – the most p…' } },
          { type: 'reply', reply: { id: 'L', title: 'Large' } },
        ],
      },
    });

    const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Colour ${i + 1}`, payload: `C${i + 1}` }));
    const list = await sendOne({ kind: 'text', text: 'Colour?', quickReplies: choices(10) });
    expect(list.body.interactive.type).toBe('list');
    expect(list.body.interactive.body).toEqual({ text: 'Colour?' });
    expect(list.body.interactive.action.button).toBeTruthy();
    expect(list.body.interactive.action.sections[0].rows).toHaveLength(10);
    expect(list.body.interactive.action.sections[0].rows[9]).toEqual({ id: 'C10', title: 'Colour 10' });

    const numbered = await sendOne({ kind: 'text', text: 'Colour?', quickReplies: choices(11) });
    expect(numbered.body.type).toBe('text');
    expect(numbered.body.text.body).toContain('11. Colour 11');

    const linksOnly = await sendOne({ kind: 'text', text: 'See', buttons: [{ title: 'Shop', url: 'https://shop.test' }] });
    expect(linksOnly.body).toMatchObject({ type: 'text', text: { preview_url: false, body: 'See\n\nShop: https://shop.test' } });
  });

  it('media by link with caption; documents get a filename; audio caption follows as text', async () => {
    const image = await sendOne({ kind: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'New!' });
    expect(image.body).toMatchObject({ type: 'image', image: { link: 'https://cdn.test/a.jpg', caption: 'New!' } });
    const video = await sendOne({ kind: 'media', mediaKind: 'video', url: 'https://cdn.test/v.mp4' });
    expect(video.body).toMatchObject({ type: 'video', video: { link: 'https://cdn.test/v.mp4' } });
    const doc = await sendOne({ kind: 'media', mediaKind: 'file', url: 'https://cdn.test/files/invoice-7.pdf', caption: 'Invoice' });
    expect(doc.body).toMatchObject({ type: 'document', document: { link: 'https://cdn.test/files/invoice-7.pdf', caption: 'Invoice', filename: 'invoice-7.pdf' } });
    const named = await sendOne({ kind: 'media', mediaKind: 'file', url: 'https://cdn.test/x', name: 'Receipt.pdf' });
    expect(named.body.document.filename).toBe('Receipt.pdf');
    const audio = await sendOne({ kind: 'media', mediaKind: 'audio', url: 'https://cdn.test/a.ogg', caption: 'Listen' }, { replyToExternalId: 'wamid.Q' });
    expect(audio.calls).toHaveLength(2);
    expect(audio.body).toMatchObject({ type: 'audio', audio: { link: 'https://cdn.test/a.ogg' }, context: { message_id: 'wamid.Q' } });
    expect(audio.body.audio.caption).toBeUndefined();
    expect(audio.calls[1].body).toMatchObject({ type: 'text', text: { body: 'Listen' } });
    expect((audio.calls[1].body as any).context).toBeUndefined();
    expect(audio.result).toEqual({ ok: true, externalId: 'wamid.1', externalIds: ['wamid.1', 'wamid.2'] });
  });

  it('location, contacts, template', async () => {
    const loc = await sendOne({ kind: 'location', latitude: 37.48, longitude: -122.14, name: 'HQ', address: '1 Hacker Way' });
    expect(loc.body).toMatchObject({ type: 'location', location: { latitude: 37.48, longitude: -122.14, name: 'HQ', address: '1 Hacker Way' } });
    const contact = await sendOne({ kind: 'contact', contact: { name: 'Jane Doe', phones: ['+16505551234'] } });
    expect(contact.body).toMatchObject({
      type: 'contacts',
      contacts: [{ name: { formatted_name: 'Jane Doe', first_name: 'Jane' }, phones: [{ phone: '+16505551234', type: 'CELL' }] }],
    });
    const template = await sendOne({ kind: 'template', name: 'order_update', language: 'en_US', parameters: ['Kerry', '#1042'] });
    expect(template.body).toMatchObject({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US', policy: 'deterministic' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kerry' }, { type: 'text', text: '#1042' }] }],
      },
    });
  });

  it('product → image with a caption of name, price, description, url; text without an image', async () => {
    const product = { name: 'Canvas tote', price: '฿1,290', description: 'Sturdy', url: 'https://shop.test/tote', buyPayload: 'BUY' };
    const withImage = await sendOne({ kind: 'product', product: { ...product, imageUrl: 'https://cdn.test/tote.jpg' } });
    expect(withImage.body).toMatchObject({
      type: 'image',
      image: { link: 'https://cdn.test/tote.jpg', caption: 'Canvas tote\n฿1,290\nSturdy\nhttps://shop.test/tote' },
    });
    const noImage = await sendOne({ kind: 'product', product });
    expect(noImage.body).toMatchObject({ type: 'text', text: { body: 'Canvas tote\n฿1,290\nSturdy\nhttps://shop.test/tote' } });
  });

  it('markAsRead posts status read for the message', async () => {
    const fake = fakeFetch(jsonResponse(200, { success: true }));
    expect(await markAsRead('wamid.IN', credentials, api, { fetch: fake.fetch })).toEqual({ ok: true });
    expect(fake.calls[0].url).toBe('https://graph.test/v21.0/PN_1/messages');
    expect(fake.calls[0].headers.authorization).toBe('Bearer WA_TOKEN');
    expect(fake.calls[0].body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN' });
  });
});

describe('WhatsApp send errors', () => {
  async function failWith(reply: Response | Error | ((r: any) => Promise<Response>), timeoutMs?: number) {
    const fake = fakeFetch(reply);
    return whatsappAdapter.send({ kind: 'text', text: 'hi' }, ctx, credentials, api, { fetch: fake.fetch, timeoutMs });
  }
  const graphError = (code: number, message: string) => ({
    error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: '…' }, fbtrace_id: 'x' },
  });

  it('131030 keeps Meta\'s "(#131030) …" text and is not retryable', async () => {
    expect(await failWith(jsonResponse(400, graphError(131030, '(#131030) Recipient phone number not in allowed list')))).toEqual({
      ok: false,
      error: '(#131030) Recipient phone number not in allowed list',
      retryable: false,
      code: 131030,
    });
  });

  it('131047 (window) → not retryable; 190 and HTTP 401 → authError', async () => {
    expect(await failWith(jsonResponse(400, graphError(131047, 'Re-engagement message')))).toMatchObject({
      ok: false,
      retryable: false,
      code: 131047,
      error: '(#131047) Re-engagement message',
    });
    expect(await failWith(jsonResponse(401, graphError(190, 'Error validating access token')))).toMatchObject({ ok: false, retryable: false, authError: true });
    expect(await failWith(jsonResponse(401, {}))).toMatchObject({ ok: false, retryable: false, authError: true });
  });

  it('5xx, 429 and 130429 → retryable; network and timeout → retryable', async () => {
    expect(await failWith(jsonResponse(500, graphError(131000, 'Something went wrong')))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(jsonResponse(429, {}))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(jsonResponse(400, graphError(130429, 'Rate limit hit')))).toMatchObject({ ok: false, retryable: true, code: 130429 });
    expect(await failWith(new TypeError('fetch failed'))).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(await failWith(hangingReply, 20)).toMatchObject({ ok: false, retryable: true, code: 'timeout' });
  });
});
