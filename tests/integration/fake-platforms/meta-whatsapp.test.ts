import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphErrors, startFakeMeta, type FakeMeta } from '../../../fake-platforms';
import { bearer, getJson, postJson } from './helpers';

const NUMBER = { phoneNumberId: '106540352242922', accessToken: 'wa-token-1' };
const OTHER = { phoneNumberId: '106540352242999', accessToken: 'wa-token-2' };
const WA_ID = '66812345678';

let meta: FakeMeta;
const sendUrl = (id = NUMBER.phoneNumberId) => `${meta.url}/${id}/messages`;
const auth = bearer(NUMBER.accessToken);
const textBody = (body: string) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'text', text: { body } });

beforeAll(async () => {
  meta = await startFakeMeta({ pages: [], whatsappNumbers: [NUMBER, OTHER] });
});
afterAll(() => meta.close());
beforeEach(() => meta.reset({ data: true }));

describe('fake WhatsApp Cloud API: send', () => {
  it('accepts a text message and answers in the Cloud API shape', async () => {
    const res = await postJson(sendUrl(), { ...textBody('hello'), context: { message_id: 'wamid.IN1' } }, auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: WA_ID, wa_id: WA_ID }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    expect(meta.sent[0]).toMatchObject({
      platform: 'whatsapp',
      accountId: NUMBER.phoneNumberId,
      recipient: WA_ID,
      externalId: res.body.messages[0].id,
      message: { type: 'text', text: { body: 'hello' }, context: { message_id: 'wamid.IN1' } },
    });
  });

  it('normalises a +number into wa_id', async () => {
    const res = await postJson(sendUrl(), { ...textBody('hi'), to: `+${WA_ID}` }, auth);
    expect(res.body.contacts).toEqual([{ input: `+${WA_ID}`, wa_id: WA_ID }]);
    expect(meta.sent[0].recipient).toBe(WA_ID);
  });

  it.each([
    ['image link', { type: 'image', image: { link: 'https://x.test/a.jpg', caption: 'A' } }],
    ['document id', { type: 'document', document: { id: '1234', filename: 'a.pdf' } }],
    ['audio', { type: 'audio', audio: { link: 'https://x.test/a.ogg' } }],
    ['location', { type: 'location', location: { latitude: '13.75', longitude: 100.5, name: 'Shop' } }],
    ['contacts', { type: 'contacts', contacts: [{ name: { formatted_name: 'Jane Doe' }, phones: [{ phone: '+66812345678' }] }] }],
    [
      'interactive buttons',
      { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] } } },
    ],
    [
      'interactive list',
      {
        type: 'interactive',
        interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Options', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } },
      },
    ],
    ['template', { type: 'template', template: { name: 'hello_world', language: { code: 'en_US', policy: 'deterministic' } } }],
  ])('accepts %s', async (_name, content) => {
    const res = await postJson(sendUrl(), { messaging_product: 'whatsapp', to: WA_ID, ...content }, auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('marks an inbound message read', async () => {
    const res = await postJson(sendUrl(), { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' }, auth);
    expect(res).toMatchObject({ status: 200, body: { success: true } });
    expect(meta.sent).toHaveLength(0);
    expect(meta.actions[0]).toMatchObject({ platform: 'whatsapp', action: 'read', messageId: 'wamid.IN1' });
  });

  it("refuses a missing, wrong, or other number's token with 401 and code 190", async () => {
    for (const headers of [{}, bearer('nope'), bearer(OTHER.accessToken)]) {
      const res = await postJson(sendUrl(), textBody('hi'), headers);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) });
    }
    expect(meta.sent).toHaveLength(0);
  });

  it('refuses an unknown phone number id', async () => {
    const res = await postJson(sendUrl('555'), textBody('hi'), auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it.each([
    ['no messaging_product', { to: WA_ID, type: 'text', text: { body: 'x' } }, /messaging_product/],
    ['no to', { messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, /\bto\b/],
    ['bad type', { messaging_product: 'whatsapp', to: WA_ID, type: 'gif', gif: {} }, /message type/],
    ['text without body', { messaging_product: 'whatsapp', to: WA_ID, type: 'text', text: {} }, /text\['body'\]/],
    ['type without its object', { messaging_product: 'whatsapp', to: WA_ID, type: 'image' }, /image/],
    ['media with neither id nor link', { messaging_product: 'whatsapp', to: WA_ID, type: 'image', image: { caption: 'x' } }, /id.*link/],
    ['location without longitude', { messaging_product: 'whatsapp', to: WA_ID, type: 'location', location: { latitude: 1 } }, /longitude/],
    ['contact without formatted_name', { messaging_product: 'whatsapp', to: WA_ID, type: 'contacts', contacts: [{ name: {} }] }, /formatted_name/],
    [
      'four buttons',
      {
        messaging_product: 'whatsapp',
        to: WA_ID,
        type: 'interactive',
        interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [1, 2, 3, 4].map((i) => ({ type: 'reply', reply: { id: `b${i}`, title: `B${i}` } })) } },
      },
      /1 to 3/,
    ],
    ['template without language', { messaging_product: 'whatsapp', to: WA_ID, type: 'template', template: { name: 'x' } }, /language/],
  ])('refuses %s with (#100) and error_data.details', async (_name, body, pattern) => {
    const res = await postJson(sendUrl(), body, auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, type: 'OAuthException', error_data: { messaging_product: 'whatsapp' } });
    expect(res.body.error.message).toMatch(/^\(#100\) /);
    expect(res.body.error.error_data.details).toMatch(pattern);
  });

  it('answers scripted 131047 / 131030 / 190 failures once each, then recovers', async () => {
    meta.failNext({ platform: 'whatsapp', ...graphErrors.reengagement() });
    meta.failNext({ platform: 'whatsapp', ...graphErrors.recipientNotAllowed() });
    meta.failNext({ platform: 'whatsapp', ...graphErrors.tokenExpired(401) });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const res = await postJson(sendUrl(), textBody(`try ${i}`), auth);
      codes.push([res.status, res.body.error?.code ?? 'ok']);
    }
    expect(codes).toEqual([[400, 131047], [400, 131030], [401, 190], [200, 'ok']]);
    expect(meta.sent).toHaveLength(1);
  });

  it('can fail only one account', async () => {
    meta.failNext({ ...graphErrors.rateLimited(), accountId: OTHER.phoneNumberId });
    expect((await postJson(sendUrl(), textBody('a'), auth)).status).toBe(200);
    const limited = await postJson(sendUrl(OTHER.phoneNumberId), textBody('b'), bearer(OTHER.accessToken));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
  });
});

describe('fake WhatsApp Cloud API: media download', () => {
  const data = Buffer.from('fake jpeg bytes');

  it('serves metadata, then the bytes with the Bearer header', async () => {
    meta.addMedia('9001', { data, mimeType: 'image/jpeg' });
    const info = await getJson(`${meta.url}/9001`, auth);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      url: expect.stringMatching(new RegExp(`^${meta.origin}/media-download/9001\\?`)),
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(data).digest('hex'),
      file_size: data.length,
      id: '9001',
      messaging_product: 'whatsapp',
    });
    const bytes = await fetch(info.body.url, { headers: auth });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(data);
  });

  it('refuses both steps without a valid Bearer token', async () => {
    meta.addMedia('9002', { data, mimeType: 'image/jpeg', phoneNumberId: NUMBER.phoneNumberId });
    expect((await getJson(`${meta.url}/9002`)).status).toBe(401);
    expect((await getJson(`${meta.url}/9002`, bearer(OTHER.accessToken))).status).toBe(401);
    const info = await getJson(`${meta.url}/9002`, auth);
    expect((await fetch(info.body.url)).status).toBe(401);
    expect((await fetch(info.body.url, { headers: bearer('nope') })).status).toBe(401);
    // The download URL only honours the header, never ?access_token=.
    expect((await fetch(`${info.body.url}&access_token=${NUMBER.accessToken}`)).status).toBe(401);
  });

  it('answers an unknown media id with the Graph unknown-object error', async () => {
    const res = await getJson(`${meta.url}/424242`, auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('can script a failure on the download step', async () => {
    meta.addMedia('9003', { data, mimeType: 'image/png' });
    meta.failNext({ platform: 'whatsapp', endpoint: 'download', ...graphErrors.serverError() });
    const info = await getJson(`${meta.url}/9003`, auth);
    expect((await fetch(info.body.url, { headers: auth })).status).toBe(500);
    expect((await fetch(info.body.url, { headers: auth })).status).toBe(200);
  });
});
