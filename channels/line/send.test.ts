import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendContext } from '../types';
import { fakeFetch, hangingReply, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { lineAdapter } from '.';

const credentials = { channelSecret: 's', channelAccessToken: 'LINE_TOKEN' };
const api = { ...API, accountId: 'UBOT' };
const KEY = '6f1c2d3e-1111-4222-8333-444455556666';
const ctx: SendContext = { recipient: 'UCUSTOMER', idempotencyKey: KEY };
const sent = (...ids: string[]) => jsonResponse(200, { sentMessages: ids.map((id) => ({ id, quoteToken: `q${id}` })) });

async function push(message: OutboundMessage) {
  const fake = fakeFetch(sent('100'));
  const result = await lineAdapter.send(message, ctx, credentials, api, { fetch: fake.fetch });
  return { result, calls: fake.calls, messages: (fake.calls[0]?.body as any)?.messages as any[] };
}

describe('LINE send: reply and push', () => {
  it('with a reply token: POST /v2/bot/message/reply, Bearer, no retry key', async () => {
    const fake = fakeFetch(sent('200'));
    const result = await lineAdapter.send({ kind: 'text', text: 'Hello' }, { ...ctx, replyToken: 'RT' }, credentials, api, { fetch: fake.fetch });
    expect(result).toEqual({ ok: true, externalId: '200' });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].url).toBe('https://line-api.test/v2/bot/message/reply');
    expect(fake.calls[0].method).toBe('POST');
    expect(fake.calls[0].headers.authorization).toBe('Bearer LINE_TOKEN');
    expect(fake.calls[0].headers['x-line-retry-key']).toBeUndefined();
    expect(fake.calls[0].body).toEqual({ replyToken: 'RT', messages: [{ type: 'text', text: 'Hello' }] });
  });

  it('without a reply token: POST /v2/bot/message/push with X-Line-Retry-Key = the idempotency key', async () => {
    const { result, calls } = await push({ kind: 'text', text: 'Hello' });
    expect(result).toEqual({ ok: true, externalId: '100' });
    expect(calls[0].url).toBe('https://line-api.test/v2/bot/message/push');
    expect(calls[0].headers.authorization).toBe('Bearer LINE_TOKEN');
    expect(calls[0].headers['x-line-retry-key']).toBe(KEY);
    expect(calls[0].body).toEqual({ to: 'UCUSTOMER', messages: [{ type: 'text', text: 'Hello' }] });
  });

  it('a non-UUID idempotency key is mapped to a stable UUID', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const fake = fakeFetch(sent('1'));
      await lineAdapter.send({ kind: 'text', text: 'x' }, { ...ctx, idempotencyKey: 'msg-42' }, credentials, api, { fetch: fake.fetch });
      keys.push(fake.calls[0].headers['x-line-retry-key']);
    }
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('"Invalid reply token" → falls back to push (with the retry key)', async () => {
    const fake = fakeFetch(jsonResponse(400, { message: 'Invalid reply token' }), sent('300'));
    const result = await lineAdapter.send({ kind: 'text', text: 'Hi' }, { ...ctx, replyToken: 'OLD' }, credentials, api, { fetch: fake.fetch });
    expect(result).toEqual({ ok: true, externalId: '300' });
    expect(fake.calls.map((c) => c.url)).toEqual(['https://line-api.test/v2/bot/message/reply', 'https://line-api.test/v2/bot/message/push']);
    expect(fake.calls[0].headers['x-line-retry-key']).toBeUndefined();
    expect(fake.calls[1].headers['x-line-retry-key']).toBe(KEY);
    expect(fake.calls[1].body).toEqual({ to: 'UCUSTOMER', messages: [{ type: 'text', text: 'Hi' }] });
  });

  it('other reply errors do not fall back', async () => {
    const fake = fakeFetch(jsonResponse(400, { message: 'The request body has 1 error(s)', details: [{ message: 'May not be empty', property: 'messages[0].text' }] }));
    const result = await lineAdapter.send({ kind: 'text', text: 'Hi' }, { ...ctx, replyToken: 'RT' }, credentials, api, { fetch: fake.fetch });
    expect(fake.calls).toHaveLength(1);
    expect(result).toEqual({ ok: false, error: 'The request body has 1 error(s) (messages[0].text: May not be empty)', retryable: false, code: 400 });
  });

  it('409 with x-line-accepted-request-id on push is success (already accepted)', async () => {
    const fake = fakeFetch(jsonResponse(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': 'req-abc' }));
    expect(await lineAdapter.send({ kind: 'text', text: 'Hi' }, ctx, credentials, api, { fetch: fake.fetch })).toEqual({ ok: true, externalId: 'req-abc' });
    const withIds = fakeFetch(jsonResponse(409, { sentMessages: [{ id: '555' }] }, { 'x-line-accepted-request-id': 'req-abc' }));
    expect(await lineAdapter.send({ kind: 'text', text: 'Hi' }, ctx, credentials, api, { fetch: withIds.fetch })).toEqual({ ok: true, externalId: '555' });
    const bare = fakeFetch(jsonResponse(409, { message: 'Conflict' }));
    expect(await lineAdapter.send({ kind: 'text', text: 'Hi' }, ctx, credentials, api, { fetch: bare.fetch })).toMatchObject({ ok: false, retryable: false });
  });

  it('errors: 401 authError, 429/5xx retryable, network/timeout retryable, other 4xx not', async () => {
    const failWith = async (reply: Response | Error | ((r: any) => Promise<Response>), timeoutMs?: number) =>
      lineAdapter.send({ kind: 'text', text: 'Hi' }, ctx, credentials, api, { fetch: fakeFetch(reply).fetch, timeoutMs });
    expect(await failWith(jsonResponse(401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' }))).toMatchObject({
      ok: false,
      retryable: false,
      authError: true,
      code: 401,
    });
    expect(await failWith(jsonResponse(429, { message: 'Too Many Requests' }))).toMatchObject({ ok: false, retryable: true, error: 'Too Many Requests' });
    expect(await failWith(jsonResponse(500, { message: 'Internal error' }))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(jsonResponse(403, { message: 'Access to this API is not available for your account' }))).toMatchObject({ ok: false, retryable: false });
    expect(await failWith(new TypeError('fetch failed'))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(hangingReply, 20)).toMatchObject({ ok: false, retryable: true, code: 'timeout' });
  });
});

describe('LINE message objects', () => {
  it('text with quick replies: postback actions, labels ≤ 20, displayText', async () => {
    const { messages } = await push({ kind: 'text', text: 'Size?', quickReplies: [{ title: 'Medium – most popular size', payload: 'M' }] });
    expect(messages).toEqual([
      {
        type: 'text',
        text: 'Size?',
        quickReply: {
          items: [{ type: 'action', action: { type: 'postback', label: 'Medium – most popul…', data: 'M', displayText: 'Medium – most popular size' } }],
        },
      },
    ]);
  });

  it('≤ 4 buttons → buttons template with altText; more → quick replies and links in text', async () => {
    const { messages } = await push({ kind: 'text', text: 'Next?', buttons: [{ title: 'Agent', payload: 'HUMAN' }, { title: 'Shop', url: 'https://shop.test' }] });
    expect(messages).toEqual([
      {
        type: 'template',
        altText: 'Next?',
        template: {
          type: 'buttons',
          text: 'Next?',
          actions: [
            { type: 'postback', label: 'Agent', data: 'HUMAN', displayText: 'Agent' },
            { type: 'uri', label: 'Shop', uri: 'https://shop.test' },
          ],
        },
      },
    ]);
    const five = await push({
      kind: 'text',
      text: 'Pick',
      buttons: [...[1, 2, 3, 4].map((i) => ({ title: `B${i}`, payload: `P${i}` })), { title: 'Site', url: 'https://s.test' }],
    });
    expect(five.messages[0].type).toBe('text');
    expect(five.messages[0].text).toBe('Pick\n\nSite: https://s.test');
    expect(five.messages[0].quickReply.items.map((i: any) => i.action.data)).toEqual(['P1', 'P2', 'P3', 'P4']);
    const many = await push({ kind: 'text', text: 'Pick', quickReplies: Array.from({ length: 14 }, (_, i) => ({ title: `Q${i + 1}`, payload: `${i}` })) });
    expect(many.messages[0].quickReply).toBeUndefined();
    expect(many.messages[0].text).toContain('14. Q14');
  });

  it('image with preview (+ caption as a second message, atomically); video/audio/file as links', async () => {
    const fake = fakeFetch(sent('1', '2'));
    const result = await lineAdapter.send({ kind: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'New' }, ctx, credentials, api, { fetch: fake.fetch });
    expect((fake.calls[0].body as any).messages).toEqual([
      { type: 'image', originalContentUrl: 'https://cdn.test/a.jpg', previewImageUrl: 'https://cdn.test/a.jpg' },
      { type: 'text', text: 'New' },
    ]);
    expect(result).toEqual({ ok: true, externalId: '1', externalIds: ['1', '2'] });
    const video = await push({ kind: 'media', mediaKind: 'video', url: 'https://cdn.test/clip.mp4', caption: 'Watch' });
    expect(video.messages).toEqual([{ type: 'text', text: 'Watch\nclip.mp4: https://cdn.test/clip.mp4' }]);
    const file = await push({ kind: 'media', mediaKind: 'file', url: 'https://cdn.test/x', name: 'Invoice.pdf' });
    expect(file.messages).toEqual([{ type: 'text', text: 'Invoice.pdf: https://cdn.test/x' }]);
    const audio = await push({ kind: 'media', mediaKind: 'audio', url: 'https://cdn.test/a.m4a' });
    expect(audio.messages[0].type).toBe('text');
  });

  it('location, contact, product flex; template refused', async () => {
    const loc = await push({ kind: 'location', latitude: 13.75, longitude: 100.5, name: 'Shop', address: '1 Silom Rd' });
    expect(loc.messages).toEqual([{ type: 'location', title: 'Shop', address: '1 Silom Rd', latitude: 13.75, longitude: 100.5 }]);
    const contact = await push({ kind: 'contact', contact: { name: 'Jane', phones: ['+66811111111'] } });
    expect(contact.messages).toEqual([{ type: 'text', text: 'Jane\n+66811111111' }]);
    const product = await push({
      kind: 'product',
      product: { name: 'Canvas tote', price: '฿1,290', description: 'Sturdy', imageUrl: 'https://cdn.test/tote.jpg', url: 'https://shop.test/tote', buyPayload: 'BUY:tote' },
    });
    const flex = product.messages[0];
    expect(flex).toMatchObject({ type: 'flex', altText: 'Canvas tote – ฿1,290', contents: { type: 'bubble', hero: { type: 'image', url: 'https://cdn.test/tote.jpg' } } });
    expect(flex.contents.body.contents.map((c: any) => c.text)).toEqual(['Canvas tote', '฿1,290', 'Sturdy']);
    expect(flex.contents.footer.contents.map((c: any) => c.action)).toEqual([
      { type: 'postback', label: 'Buy', data: 'BUY:tote', displayText: 'Buy Canvas tote' },
      { type: 'uri', label: 'View', uri: 'https://shop.test/tote' },
    ]);
    const template = await push({ kind: 'template', name: 't', language: 'en', parameters: [] });
    expect(template.calls).toHaveLength(0);
    expect(template.result).toMatchObject({ ok: false, retryable: false });
  });

  it('reply window is always open', () => {
    expect(lineAdapter.replyWindow(null, new Date())).toEqual({ state: 'open', closesAt: null });
    expect(lineAdapter.replyWindow(new Date(0), new Date())).toEqual({ state: 'open', closesAt: null });
  });
});
