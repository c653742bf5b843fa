import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendContext } from '../types';
import { fakeFetch, hangingReply, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { facebookAdapter } from '.';

const credentials = { appSecret: 's', pageAccessToken: 'PAGE TOKEN/1', verifyToken: 'v' };
const api = { ...API, accountId: 'PAGE_1' };
const ctx: SendContext = { recipient: 'PSID_1', idempotencyKey: '6f1c2d3e-1111-4222-8333-444455556666' };
const ok = (id = 'm_sent') => jsonResponse(200, { recipient_id: 'PSID_1', message_id: id });

async function sendOne(message: OutboundMessage, extra: Partial<SendContext> = {}) {
  const fake = fakeFetch(ok('m_1'), ok('m_2'));
  const result = await facebookAdapter.send(message, { ...ctx, ...extra }, credentials, api, { fetch: fake.fetch });
  return { result, calls: fake.calls, body: fake.calls[0]?.body as Record<string, any> };
}

describe('Messenger send', () => {
  it('posts to {graph}/me/messages with the token in the query, RESPONSE type, JSON body', async () => {
    const { result, calls, body } = await sendOne({ kind: 'text', text: 'hi' });
    expect(result).toEqual({ ok: true, externalId: 'm_1' });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe('https://graph.test/v21.0/me/messages?access_token=PAGE%20TOKEN%2F1');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].headers.authorization).toBeUndefined();
    expect(body).toEqual({ recipient: { id: 'PSID_1' }, messaging_type: 'RESPONSE', message: { text: 'hi' } });
  });

  it('uses MESSAGE_TAG + HUMAN_AGENT when asked', async () => {
    const { body } = await sendOne({ kind: 'text', text: 'late reply' }, { humanAgentTag: true });
    expect(body.messaging_type).toBe('MESSAGE_TAG');
    expect(body.tag).toBe('HUMAN_AGENT');
  });

  it('quick replies: at most 13, titles clipped to 20 characters', async () => {
    const quickReplies = [{ title: 'A very long option title indeed', payload: 'LONG' }, { title: 'No', payload: 'NO' }];
    const { body } = await sendOne({ kind: 'text', text: 'Pick', quickReplies });
    expect(body.message.text).toBe('Pick');
    expect(body.message.quick_replies).toEqual([
      { content_type: 'text', title: 'A very long option …', payload: 'LONG' },
      { content_type: 'text', title: 'No', payload: 'NO' },
    ]);
    expect(body.message.quick_replies[0].title).toHaveLength(20);
  });

  it('up to 3 buttons → button template with postback and web_url buttons', async () => {
    const { body } = await sendOne({
      kind: 'text',
      text: 'What next?',
      buttons: [
        { title: 'Talk to us', payload: 'HUMAN' },
        { title: 'Shop', url: 'https://shop.test' },
      ],
    });
    expect(body.message).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: 'What next?',
          buttons: [
            { type: 'postback', title: 'Talk to us', payload: 'HUMAN' },
            { type: 'web_url', url: 'https://shop.test', title: 'Shop' },
          ],
        },
      },
    });
  });

  it('more than 3 buttons → quick replies, links moved into the text; more than 13 → numbered text', async () => {
    const buttons = [1, 2, 3, 4].map((n) => ({ title: `Option ${n}`, payload: `P${n}` }));
    const { body } = await sendOne({ kind: 'text', text: 'Choose', buttons: [...buttons, { title: 'Site', url: 'https://s.test' }] });
    expect(body.message.text).toBe('Choose\n\nSite: https://s.test');
    expect(body.message.quick_replies.map((q: any) => q.payload)).toEqual(['P1', 'P2', 'P3', 'P4']);

    const many = Array.from({ length: 14 }, (_, i) => ({ title: `Q${i + 1}`, payload: `Q${i + 1}` }));
    const numbered = await sendOne({ kind: 'text', text: 'Choose', quickReplies: many });
    expect(numbered.body.message.quick_replies).toBeUndefined();
    expect(numbered.body.message.text).toContain('1. Q1\n2. Q2');
    expect(numbered.body.message.text).toContain('14. Q14');
  });

  it('media → attachment by URL, reusable; a caption follows as a second message', async () => {
    const { result, calls } = await sendOne({ kind: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'Our new bag' });
    expect(calls).toHaveLength(2);
    expect((calls[0].body as any).message).toEqual({ attachment: { type: 'image', payload: { url: 'https://cdn.test/a.jpg', is_reusable: true } } });
    expect((calls[1].body as any).message).toEqual({ text: 'Our new bag' });
    expect(result).toEqual({ ok: true, externalId: 'm_1', externalIds: ['m_1', 'm_2'] });
    for (const kind of ['video', 'audio', 'file'] as const) {
      const { body } = await sendOne({ kind: 'media', mediaKind: kind, url: 'https://cdn.test/x' });
      expect(body.message.attachment.type).toBe(kind);
    }
  });

  it('a failed caption after a sent attachment is a success with a warning (a retry would resend the image)', async () => {
    const fake = fakeFetch(ok('m_img'), jsonResponse(500, { error: { message: 'oops', code: 2 } }));
    const result = await facebookAdapter.send({ kind: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'c' }, ctx, credentials, api, { fetch: fake.fetch });
    expect(result).toMatchObject({ ok: true, externalId: 'm_img', warning: expect.stringContaining('caption') });
  });

  it('location → text with a maps link; contact → formatted text', async () => {
    const loc = await sendOne({ kind: 'location', latitude: 13.7563, longitude: 100.5018, name: 'Our shop', address: '1 Silom Rd' });
    expect(loc.body.message.text).toBe('Our shop\n1 Silom Rd\nhttps://www.google.com/maps/search/?api=1&query=13.7563,100.5018');
    const contact = await sendOne({ kind: 'contact', contact: { name: 'Jane Doe', phones: ['+66811111111'], emails: ['jane@shop.test'] } });
    expect(contact.body.message.text).toBe('Jane Doe\n+66811111111\njane@shop.test');
  });

  it('template → refused without a request, not retryable', async () => {
    const { result, calls } = await sendOne({ kind: 'template', name: 'hello', language: 'en', parameters: [] });
    expect(calls).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, retryable: false });
  });

  it('product → generic template element with price in the subtitle, Buy postback and View link', async () => {
    const { body } = await sendOne({
      kind: 'product',
      product: { name: 'Canvas tote', price: '฿1,290', description: 'Sturdy', imageUrl: 'https://cdn.test/tote.jpg', url: 'https://shop.test/tote', buyPayload: 'BUY:tote' },
    });
    const element = body.message.attachment.payload.elements[0];
    expect(body.message.attachment.payload.template_type).toBe('generic');
    expect(element).toMatchObject({ title: 'Canvas tote', subtitle: '฿1,290 · Sturdy', image_url: 'https://cdn.test/tote.jpg' });
    expect(element.buttons).toEqual([
      { type: 'postback', title: 'Buy', payload: 'BUY:tote' },
      { type: 'web_url', url: 'https://shop.test/tote', title: 'View' },
    ]);
  });

  it('refuses text over 2000 characters before calling Meta', async () => {
    const { result, calls } = await sendOne({ kind: 'text', text: 'x'.repeat(2001) });
    expect(calls).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, retryable: false, code: 'too_long' });
  });
});

describe('Messenger send errors', () => {
  async function failWith(reply: Response | Error | ((r: any) => Promise<Response>), timeoutMs?: number) {
    const fake = fakeFetch(reply);
    return facebookAdapter.send({ kind: 'text', text: 'hi' }, ctx, credentials, api, { fetch: fake.fetch, timeoutMs });
  }

  it('window closed (code 10 / subcode 2018278) → not retryable, message not prefixed twice', async () => {
    const result = await failWith(
      jsonResponse(400, { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'x' } }),
    );
    expect(result).toEqual({ ok: false, error: '(#10) This message is sent outside of allowed window.', retryable: false, code: 10 });
  });

  it('code 190 → authError, not retryable, prefixed as Meta does', async () => {
    const result = await failWith(jsonResponse(400, { error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190 } }));
    expect(result).toEqual({ ok: false, error: '(#190) Error validating access token: Session has expired', retryable: false, authError: true, code: 190 });
  });

  it('5xx and 429 → retryable; other 4xx → not', async () => {
    expect(await failWith(jsonResponse(500, { error: { message: 'An unexpected error has occurred.', code: 2 } }))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(new Response('busy', { status: 503 }))).toMatchObject({ ok: false, retryable: true, error: 'HTTP 503' });
    expect(await failWith(jsonResponse(429, {}))).toMatchObject({ ok: false, retryable: true });
    expect(await failWith(jsonResponse(400, { error: { message: '(#100) Invalid parameter', code: 100 } }))).toMatchObject({ ok: false, retryable: false, code: 100 });
  });

  it('network errors and timeouts → retryable, and never leak the token', async () => {
    const network = await failWith(new TypeError('fetch failed: https://graph.test/v21.0/me/messages?access_token=PAGE%20TOKEN%2F1'));
    expect(network).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(network.ok === false && network.error).not.toContain('PAGE%20TOKEN');
    const timeout = await failWith(hangingReply, 20);
    expect(timeout).toMatchObject({ ok: false, retryable: true, code: 'timeout', error: 'Timed out after 20 ms' });
  });
});
