import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent, SendContext } from '../types';
import { fakeFetch, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { appleAdapter } from '.';
import { decryptAppleAttachment, encryptAppleAttachment } from './cipher';
import { APPLE_INTERACTIVE_BID } from './constants';
import { appleOutboundJwt, signAppleClaims, verifyAppleJwt } from './jwt';

// The worked examples of shared/next-features (proofs/vectors-output.txt), byte for byte.
const MSP_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'dGVzdC1hcHBsZS1zZWNyZXQtcGFzc3BocmFzZS0zMmI=';
const A1_JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUiLCJpYXQiOjE3MDAwMDAwMDB9.1IHWOPPtLPhdQBDfWF6ORvzvkocEM3WEXOUd6D5TN2Q';
const A2_KEY = `00${'07'.repeat(32)}`;
const A2_CIPHERTEXT = '622882eb884c81a0080f7fb7aa084ed7';

const BUSINESS = 'b0000000-1111-2222-3333-444444444444';
const CUSTOMER = 'urn:mbid:AQAAY0example';
const credentials = { mspId: MSP_ID, secret: SECRET };
const api = { ...API, accountId: BUSINESS };
const MESSAGE_ID = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
const ctx = (extra: Partial<SendContext> = {}): SendContext => ({ recipient: CUSTOMER, idempotencyKey: MESSAGE_ID, ...extra });

const bearer = (claims: Record<string, unknown>, secret = SECRET) => `Bearer ${signAppleClaims(claims, secret)}`;
const now = Math.floor(Date.now() / 1000);
const inboundHeaders = (authorization?: string) => new Headers(authorization ? { authorization } : {});

function parse(message: Record<string, unknown>): NormalizedEvent[] {
  const result = appleAdapter.parseWebhook(JSON.stringify({ v: 1, sourceId: CUSTOMER, destinationId: BUSINESS, ...message }));
  if (!result.ok) throw new Error(result.error);
  return result.events;
}

describe('Apple JWT (HS256, key = the base64-decoded secret)', () => {
  it('A1: the outbound token of the worked example', () => {
    expect(appleOutboundJwt(MSP_ID, SECRET, 1_700_000_000_000)).toBe(A1_JWT);
  });

  it('A1 is not what signing with the passphrase as text gives (the pitfall the notes warn of)', () => {
    const asText = Buffer.from(SECRET).toString('base64');
    expect(appleOutboundJwt(MSP_ID, asText, 1_700_000_000_000)).not.toBe(A1_JWT);
  });

  it('accepts Apple’s inbound token with the MSP id as audience, refuses everything else', () => {
    const body = Buffer.from('{}');
    const ok = bearer({ aud: MSP_ID, iat: now, exp: now + 3600 });
    expect(appleAdapter.verifySignature(body, inboundHeaders(ok), credentials)).toBe(true);
    expect(verifyAppleJwt(bearer({ aud: [MSP_ID, 'other'], iat: now }), MSP_ID, SECRET)).toBe(true);
    // Missing, another audience, expired, another secret, the secret's text as key, alg none, tampered.
    expect(appleAdapter.verifySignature(body, inboundHeaders(), credentials)).toBe(false);
    expect(verifyAppleJwt(bearer({ aud: 'another-msp', iat: now }), MSP_ID, SECRET)).toBe(false);
    expect(verifyAppleJwt(bearer({ iat: now }), MSP_ID, SECRET)).toBe(false);
    expect(verifyAppleJwt(bearer({ aud: MSP_ID, exp: now - 3600 }), MSP_ID, SECRET)).toBe(false);
    expect(verifyAppleJwt(bearer({ aud: MSP_ID }, Buffer.from('another secret of 32 bytes......').toString('base64')), MSP_ID, SECRET)).toBe(false);
    expect(verifyAppleJwt(bearer({ aud: MSP_ID }, Buffer.from(SECRET).toString('base64')), MSP_ID, SECRET)).toBe(false);
    const [, claims] = ok.slice('Bearer '.length).split('.');
    const none = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`;
    expect(verifyAppleJwt(none, MSP_ID, SECRET)).toBe(false);
    const tampered = `Bearer ${ok.slice('Bearer '.length).split('.')[0]}.${Buffer.from(JSON.stringify({ aud: MSP_ID, iat: now, admin: true })).toString('base64url')}.${ok.split('.')[2]}`;
    expect(verifyAppleJwt(tampered, MSP_ID, SECRET)).toBe(false);
    expect(verifyAppleJwt(ok, MSP_ID, '')).toBe(false);
  });
});

describe('Apple attachment cipher (AES-256-CTR, zero IV)', () => {
  it('A2: decrypts the worked example', () => {
    expect(decryptAppleAttachment(A2_KEY, Buffer.from(A2_CIPHERTEXT, 'hex')).toString()).toBe('hello attachment');
    const { keyField, encrypted } = encryptAppleAttachment(Buffer.alloc(32, 7), Buffer.from('hello attachment'));
    expect(keyField).toBe(A2_KEY);
    expect(encrypted.toString('hex')).toBe(A2_CIPHERTEXT);
  });

  it('refuses a key field that is not "00" + 64 hex digits', () => {
    expect(() => decryptAppleAttachment('07'.repeat(32), Buffer.alloc(4))).toThrow(/00/);
  });
});

describe('Apple inbound bodies', () => {
  it('unpacks a gzipped body and passes a plain one through; a false gzip or one too large unpacked is refused', () => {
    const json = Buffer.from('{"id":"1"}');
    const gz = new Headers({ 'content-encoding': 'gzip' });
    expect(appleAdapter.decodeBody!(gzipSync(json), gz, 1024)).toEqual(json);
    expect(appleAdapter.decodeBody!(gzipSync(json), new Headers(), 1024)).toEqual(json);
    expect(appleAdapter.decodeBody!(json, new Headers(), 1024)).toEqual(json);
    expect(appleAdapter.decodeBody!(json, gz, 1024)).toBeNull();
    expect(appleAdapter.decodeBody!(gzipSync(Buffer.alloc(10_000, 0x20)), gz, 1024)).toBeNull();
  });

  it('a text is the customer’s message, keyed by Apple’s id, from the opaque customer id', () => {
    const [event] = parse({ id: 'm-1', type: 'text', body: 'Do you ship to Chiang Mai?' });
    expect(event).toMatchObject({ type: 'message', externalMessageId: 'm-1', sender: { externalId: CUSTOMER }, content: { kind: 'text', text: 'Do you ship to Chiang Mai?' } });
    expect(appleAdapter.accountIds(JSON.stringify({ id: 'm-1', type: 'text', sourceId: CUSTOMER, destinationId: BUSINESS }))).toEqual([BUSINESS]);
  });

  it('typing_start is typing; typing_end carries nothing; close and unknown kinds are kept as unsupported', () => {
    expect(parse({ id: 't-1', type: 'typing_start' })).toMatchObject([{ type: 'typing', sender: { externalId: CUSTOMER } }]);
    expect(parse({ id: 't-2', type: 'typing_end' })).toEqual([]);
    expect(parse({ id: 'c-1', type: 'close' })).toMatchObject([{ type: 'unsupported', eventId: 'apple:c-1', description: expect.stringMatching(/closed/) }]);
    expect(parse({ id: 'p-1', type: 'payment' })).toMatchObject([{ type: 'unsupported', eventId: 'apple:p-1' }]);
  });

  it('a list picker answer is the chosen item’s title with its identifier as the payload', () => {
    const [event] = parse({
      id: 'i-1',
      type: 'interactive',
      interactiveData: { bid: APPLE_INTERACTIVE_BID, data: { listPicker: { sections: [{ items: [{ identifier: 'size_m', title: 'Medium', order: 1 }] }] } } },
    });
    expect(event).toMatchObject({ type: 'message', externalMessageId: 'i-1', content: { kind: 'text', text: 'Medium', payload: 'size_m' } });
    const [ref] = parse({ id: 'i-2', type: 'interactive', interactiveDataRef: { url: 'https://x', bid: APPLE_INTERACTIVE_BID } });
    expect(ref).toMatchObject({ content: { kind: 'unsupported' } });
  });

  it('attachments arrive as encrypted media with their MMCS location and key; the placeholders leave the caption', () => {
    const attachment = { name: 'mug.jpg', mimeType: 'image/jpeg', size: '2048', 'signature-base64': Buffer.from('a1b2', 'hex').toString('base64'), url: 'https://p1.mmcs.example/a', owner: 'owner-1', key: A2_KEY };
    const [event] = parse({ id: 'a-1', type: 'text', body: 'This one\uFFFC', attachments: [attachment] });
    expect(event).toMatchObject({
      content: { kind: 'media', caption: 'This one', media: [{ kind: 'image', url: 'https://p1.mmcs.example/a', mimeType: 'image/jpeg', name: 'mug.jpg', size: 2048, encrypted: { owner: 'owner-1', signature: 'a1b2', key: A2_KEY } }] },
    });
  });

  it('refuses a body that is not an Apple message', () => {
    expect(appleAdapter.parseWebhook('{"object":"page"}').ok).toBe(false);
    expect(appleAdapter.parseWebhook('not json').ok).toBe(false);
  });
});

describe('Apple sends', () => {
  it('a text: POST /message with a fresh JWT, id, Source-Id and Destination-Id, and the body’s ids agreeing', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 200 }));
    const result = await appleAdapter.send({ kind: 'text', text: 'Yes, in 2 days' }, ctx(), credentials, api, { fetch });
    expect(result).toEqual({ ok: true, externalId: MESSAGE_ID });
    const [call] = calls;
    expect(call.url).toBe(`${API.appleGatewayUrl}/message`);
    expect(call.method).toBe('POST');
    expect(call.headers).toMatchObject({ id: MESSAGE_ID, 'source-id': BUSINESS, 'destination-id': CUSTOMER, 'content-type': 'application/json' });
    const token = call.headers.authorization.slice('Bearer '.length);
    const [head, claims] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(head).toEqual({ alg: 'HS256' });
    expect(claims).toMatchObject({ iss: MSP_ID, iat: expect.any(Number) });
    expect(token).toBe(appleOutboundJwt(MSP_ID, SECRET, (claims.iat as number) * 1000));
    expect(call.body).toEqual({ id: MESSAGE_ID, v: 1, type: 'text', sourceId: BUSINESS, destinationId: CUSTOMER, body: 'Yes, in 2 days' });
  });

  it('quick replies and payload buttons as a list picker; an article as a rich link', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 200 }));
    await appleAdapter.send(
      { kind: 'text', text: 'Which size?', quickReplies: [{ title: 'Small', payload: 'size_s' }, { title: 'Medium', payload: 'size_m' }] },
      ctx(),
      credentials,
      api,
      { fetch },
    );
    expect(calls[0].body).toMatchObject({
      type: 'interactive',
      interactiveData: {
        bid: APPLE_INTERACTIVE_BID,
        data: {
          version: '1.0',
          requestIdentifier: MESSAGE_ID,
          listPicker: { sections: [{ order: 0, multipleSelection: false, items: [{ identifier: 'size_s', title: 'Small', order: 0, style: 'default' }, { identifier: 'size_m', title: 'Medium', order: 1, style: 'default' }] }] },
        },
        receivedMessage: { title: 'Which size?', style: 'icon' },
        replyMessage: { title: 'Selected', style: 'icon' },
      },
    });
    await appleAdapter.send({ kind: 'article', article: { articleId: 'a', title: 'Returns', excerpt: 'Within 30 days', url: 'https://shop.example/help/returns' } }, ctx(), credentials, api, { fetch });
    expect(calls[1].body).toMatchObject({ type: 'richLink', richLinkData: { url: 'https://shop.example/help/returns', title: 'Returns' } });
  });

  it('5xx and 429 are retried, 401 asks to reconnect, 400 is final; templates are refused before any call', async () => {
    const send = async (response: Response) => appleAdapter.send({ kind: 'text', text: 'hi' }, ctx(), credentials, api, { fetch: fakeFetch(response).fetch });
    expect(await send(jsonResponse(503, { message: 'down' }, { 'retry-after': '7' }))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    expect(await send(jsonResponse(429, {}))).toMatchObject({ ok: false, retryable: true });
    expect(await send(jsonResponse(401, { message: 'bad token' }))).toMatchObject({ ok: false, retryable: false, authError: true });
    expect(await send(jsonResponse(400, { message: 'bad body' }))).toMatchObject({ ok: false, retryable: false, error: 'Apple: bad body' });
    const { fetch, calls } = fakeFetch(new Response(null, { status: 200 }));
    expect(await appleAdapter.send({ kind: 'template', name: 't', language: 'en', parameters: [] }, ctx(), credentials, api, { fetch })).toMatchObject({ ok: false, retryable: false });
    expect(calls).toHaveLength(0);
  });

  it('a message id that is not a UUID gets a fresh one (Apple takes UUIDs only)', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 200 }));
    const result = await appleAdapter.send({ kind: 'text', text: 'hi' }, ctx({ idempotencyKey: 'msg-1' }), credentials, api, { fetch });
    expect(result.ok && result.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0].headers.id).toBe(result.ok ? result.externalId : '');
  });
});

describe('Apple attachments out', () => {
  const photo = Buffer.from('a photo of the blue mug, as bytes');
  const loadMedia = async () => ({ data: photo, mimeType: 'image/jpeg', name: 'blue-mug.jpg' });
  const uploadUrl = 'https://p3.mmcs.example/upload/1';
  const preUpload = () => jsonResponse(200, { 'upload-url': uploadUrl, 'mmcs-url': 'https://p3.mmcs.example/f/1', 'mmcs-owner': 'owner-9' });
  const image = { kind: 'media' as const, mediaKind: 'image' as const, url: '/api/files/f1', caption: 'Here it is' };

  it('encrypts the file, asks preUpload for its encrypted size, POSTs it to the upload URL and names it in a text holding U+FFFC', async () => {
    const { fetch, calls } = fakeFetch(preUpload(), jsonResponse(200, { singleFile: { fileChecksum: 'AbCd==' } }), new Response(null, { status: 200 }));
    const result = await appleAdapter.send(image, ctx({ loadMedia }), credentials, api, { fetch });
    expect(result).toEqual({ ok: true, externalId: MESSAGE_ID });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${API.appleGatewayUrl}/preUpload`, `POST ${uploadUrl}`, `POST ${API.appleGatewayUrl}/message`]);
    const uploaded = calls[1].bytes!;
    expect(uploaded).toHaveLength(photo.length);
    expect(uploaded.equals(photo)).toBe(false);
    expect(calls[0].headers).toMatchObject({ 'source-id': BUSINESS, 'mmcs-size': String(uploaded.length) });
    expect(calls[0].headers.authorization).toMatch(/^Bearer /);
    expect(calls[1].headers.authorization).toBeUndefined();
    const body = calls[2].body as { type: string; body: string; attachments: Record<string, string>[] };
    expect(body).toMatchObject({ type: 'text', body: 'Here it is\n\uFFFC' });
    expect(body.attachments).toEqual([
      { name: 'blue-mug.jpg', mimeType: 'image/jpeg', size: String(uploaded.length), 'signature-base64': 'AbCd==', url: 'https://p3.mmcs.example/f/1', owner: 'owner-9', key: expect.stringMatching(/^00[0-9a-f]{64}$/) },
    ]);
    expect(decryptAppleAttachment(body.attachments[0].key, uploaded).equals(photo)).toBe(true);
  });

  it('every failure before the message is retried and sends nothing; a refused upload URL or a file over 100 MB is final', async () => {
    const attempt = async (options: { fetch: typeof fetch; allowHosts?: string[] }, context = ctx({ loadMedia })) => {
      const result = await appleAdapter.send(image, context, credentials, api, options);
      return result;
    };
    const down = fakeFetch(jsonResponse(503, { message: 'busy' }));
    expect(await attempt(down)).toMatchObject({ ok: false, retryable: true, error: 'Apple preUpload: busy' });
    const noUrl = fakeFetch(jsonResponse(200, {}));
    expect(await attempt(noUrl)).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/upload-url/) });
    const uploadDown = fakeFetch(preUpload(), jsonResponse(500, {}));
    expect(await attempt(uploadDown)).toMatchObject({ ok: false, retryable: true, error: 'Apple attachment upload: HTTP 500' });
    const noChecksum = fakeFetch(preUpload(), jsonResponse(200, { singleFile: {} }));
    expect(await attempt(noChecksum)).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/fileChecksum/) });
    const unreadable = fakeFetch(preUpload());
    expect(await attempt(unreadable, ctx({ loadMedia: () => Promise.reject(new Error('the file no longer exists')) }))).toMatchObject({ ok: false, retryable: true, code: 'media_read' });
    for (const { calls } of [down, noUrl, uploadDown, noChecksum, unreadable]) expect(calls.filter((c) => c.url.endsWith('/message'))).toHaveLength(0);

    const internal = fakeFetch(jsonResponse(200, { 'upload-url': 'http://10.0.0.5/upload', 'mmcs-url': 'u', 'mmcs-owner': 'o' }), jsonResponse(200, {}));
    expect(await attempt(internal)).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/upload URL Apple gave was refused/) });
    expect(internal.calls).toHaveLength(1);
    const huge = fakeFetch(preUpload());
    const big = ctx({ loadMedia: async () => ({ data: Buffer.alloc(100 * 1024 * 1024 + 1), mimeType: 'video/mp4' }) });
    expect(await attempt(huge, big)).toMatchObject({ ok: false, retryable: false, code: 'media_limits', error: 'Apple Messages takes images up to 100 MB (this one is 100.0 MB).' });
    expect(huge.calls).toHaveLength(0);
  });
});

describe('Apple attachments in', () => {
  const plain = Buffer.from('hello attachment');
  const encrypted = Buffer.from(A2_CIPHERTEXT, 'hex');
  const media = {
    kind: 'file' as const,
    url: 'https://p1.mmcs.example/a',
    mimeType: 'text/plain',
    name: 'note.txt',
    size: encrypted.length,
    encrypted: { owner: 'owner-1', signature: 'a1b2c3', key: A2_KEY },
  };

  it('asks preDownload with the location, owner and signature, fetches the file, checks its size and decrypts it (A2)', async () => {
    const { fetch, calls } = fakeFetch(jsonResponse(200, { 'download-url': 'https://p2.mmcs.example/download/1' }), new Response(encrypted, { headers: { 'content-type': 'application/octet-stream' } }));
    const file = await appleAdapter.downloadMedia!(media, credentials, api, { fetch, maxBytes: 1000 });
    expect(file).toEqual({ data: plain, mimeType: 'text/plain', name: 'note.txt' });
    expect(calls[0].url).toBe(`${API.appleGatewayUrl}/preDownload`);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].headers).toMatchObject({ 'source-id': BUSINESS, 'mmcs-url': media.url, 'mmcs-owner': 'owner-1', 'mmcs-signature': Buffer.from('a1b2c3', 'hex').toString('base64') });
    const [, claims] = calls[0].headers.authorization.slice('Bearer '.length).split('.');
    const iat = (JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iat: number }).iat;
    expect(calls[0].headers.authorization).toBe(`Bearer ${appleOutboundJwt(MSP_ID, SECRET, iat * 1000)}`);
    expect(calls[1].url).toBe('https://p2.mmcs.example/download/1');
  });

  it('refuses a file of another size than Apple said, one over the limit before any call, and one without its key', async () => {
    const short = fakeFetch(jsonResponse(200, { 'download-url': 'https://p2.mmcs.example/download/1' }), new Response(encrypted.subarray(1)));
    await expect(appleAdapter.downloadMedia!(media, credentials, api, { fetch: short.fetch, maxBytes: 1000 })).rejects.toThrow(/Apple said/);
    const big = fakeFetch(jsonResponse(500, {}));
    await expect(appleAdapter.downloadMedia!(media, credentials, api, { fetch: big.fetch, maxBytes: 4 })).rejects.toMatchObject({ code: 'too_large' });
    expect(big.calls).toHaveLength(0);
    await expect(appleAdapter.downloadMedia!({ ...media, encrypted: undefined }, credentials, api, { fetch: big.fetch, maxBytes: 1000 })).rejects.toMatchObject({ code: 'unsupported' });
    const refused = fakeFetch(jsonResponse(401, {}));
    await expect(appleAdapter.downloadMedia!(media, credentials, api, { fetch: refused.fetch, maxBytes: 1000 })).rejects.toMatchObject({ code: 'auth' });
  });
});

