import { describe, expect, it } from 'vitest';
import type { NormalizedEvent, SendContext } from '../types';
import { fakeFetch, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { xAdapter } from '.';
import { rateLimitResetMs } from './errors';

const credentials = { consumerKey: 'test-consumer-key', consumerSecret: 'test-consumer-secret', accessToken: 'x-user-token-1' };
const ACCOUNT = '2244994945';
const api = { ...API, accountId: ACCOUNT };
const ctx = (extra: Partial<SendContext> = {}): SendContext => ({ recipient: '3805104374', idempotencyKey: 'msg-1', ...extra });

// The worked examples of shared/next-features (proofs/vectors-output.txt), byte for byte.
const X1_TOKEN = 'crc-token-1234';
const X1_ANSWER = '{"response_token":"sha256=3bLShEtGaUbBdRhJ8m0ID1aznpraiVJSXTyvx/5SFZU="}';
const X2 =
  '{"for_user_id":"2244994945","direct_message_events":[{"type":"message_create","id":"1","created_timestamp":"1700000000000","message_create":{"target":{"recipient_id":"2244994945"},"sender_id":"3805104374","message_data":{"text":"hi"}}}]}';
const X2_SIGNATURE = 'sha256=iUu1nCYaYnKjTfeKdTeK4XKpfoPlRgZILFfomPmvV1k=';
const headers = (value?: string) => new Headers(value === undefined ? {} : { 'x-twitter-webhooks-signature': value });

function parse(raw: string): NormalizedEvent[] {
  const result = xAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}

const dm = (id: string, senderId: string, messageData: object) => ({
  type: 'message_create',
  id,
  created_timestamp: '1700000000123',
  message_create: { target: { recipient_id: senderId === ACCOUNT ? '3805104374' : ACCOUNT }, sender_id: senderId, message_data: messageData },
});
const delivery = (body: object) => JSON.stringify({ for_user_id: ACCOUNT, ...body });

describe('X CRC challenge and signature (consumer secret)', () => {
  it('X1: answers the CRC token with the worked example', () => {
    expect(xAdapter.verifyHandshake!(new URLSearchParams({ crc_token: X1_TOKEN }), credentials)).toBe(X1_ANSWER);
    expect(xAdapter.handshakeContentType).toBe('application/json');
  });

  it('refuses a CRC without a token, or with no consumer secret', () => {
    expect(xAdapter.verifyHandshake!(new URLSearchParams(), credentials)).toBeNull();
    expect(xAdapter.verifyHandshake!(new URLSearchParams({ crc_token: X1_TOKEN }), { ...credentials, consumerSecret: '' })).toBeNull();
  });

  it('X2: accepts the worked example on its raw bytes', () => {
    expect(xAdapter.verifySignature(Buffer.from(X2), headers(X2_SIGNATURE), credentials)).toBe(true);
  });

  it('refuses a missing header, another secret, a changed byte, a re-serialised body, hex instead of base64', () => {
    expect(xAdapter.verifySignature(Buffer.from(X2), headers(), credentials)).toBe(false);
    expect(xAdapter.verifySignature(Buffer.from(X2), headers(X2_SIGNATURE), { ...credentials, consumerSecret: 'other' })).toBe(false);
    expect(xAdapter.verifySignature(Buffer.from(X2.replace('"hi"', '"Hi"')), headers(X2_SIGNATURE), credentials)).toBe(false);
    expect(xAdapter.verifySignature(Buffer.from(JSON.stringify(JSON.parse(X2), null, 1)), headers(X2_SIGNATURE), credentials)).toBe(false);
    const hex = `sha256=${Buffer.from(X2_SIGNATURE.slice(7), 'base64').toString('hex')}`;
    expect(xAdapter.verifySignature(Buffer.from(X2), headers(hex), credentials)).toBe(false);
  });
});

describe('X webhook parsing', () => {
  it('X2: a customer DM becomes a message with the sender, id and time', () => {
    const [event] = parse(X2);
    expect(event).toMatchObject({
      type: 'message',
      externalMessageId: '1',
      sender: { externalId: '3805104374' },
      timestamp: new Date(1700000000000),
      content: { kind: 'text', text: 'hi' },
    });
    expect(xAdapter.accountIds(X2)).toEqual([ACCOUNT]);
  });

  it('takes the name and picture from the users map, unescapes text and keeps 64-bit ids as strings', () => {
    const raw = delivery({
      direct_message_events: [dm('1062015437679050760', '123456789012345678', { text: 'Fish &amp; chips &lt;3' })],
      users: { '123456789012345678': { id: '123456789012345678', name: 'Ana', screen_name: 'ana', profile_image_url_https: 'https://pbs.twimg.com/a.jpg' } },
    });
    const [event] = parse(raw);
    expect(event).toMatchObject({
      externalMessageId: '1062015437679050760',
      sender: { externalId: '123456789012345678', name: 'Ana', avatarUrl: 'https://pbs.twimg.com/a.jpg' },
      content: { kind: 'text', text: 'Fish & chips <3' },
    });
  });

  it('ignores the account’s own DMs (echoes)', () => {
    expect(parse(delivery({ direct_message_events: [dm('9', ACCOUNT, { text: 'our answer' })] }))).toEqual([]);
  });

  it('reads a tapped quick-reply option as text with its metadata', () => {
    const [event] = parse(delivery({ direct_message_events: [dm('2', '42', { text: 'Yes', quick_reply_response: { type: 'options', metadata: 'confirm_yes' } })] }));
    expect(event).toMatchObject({ content: { kind: 'text', text: 'Yes', payload: 'confirm_yes' } });
  });

  it('reads a photo and a video (best MP4 variant), dropping the t.co link from the caption', () => {
    const photo = { type: 'media', media: { id_str: '5', type: 'photo', media_url_https: 'https://ton.twimg.com/dm/1/p.jpg', url: 'https://t.co/abc' } };
    const video = {
      type: 'media',
      media: {
        id_str: '6',
        type: 'video',
        media_url_https: 'https://pbs.twimg.com/thumb.jpg',
        url: 'https://t.co/def',
        video_info: {
          variants: [
            { bitrate: 256000, content_type: 'video/mp4', url: 'https://video.twimg.com/low.mp4' },
            { content_type: 'application/x-mpegURL', url: 'https://video.twimg.com/v.m3u8' },
            { bitrate: 832000, content_type: 'video/mp4', url: 'https://video.twimg.com/high.mp4' },
          ],
        },
      },
    };
    const events = parse(
      delivery({ direct_message_events: [dm('3', '42', { text: 'Look https://t.co/abc', attachment: photo }), dm('4', '42', { text: 'https://t.co/def', attachment: video })] }),
    );
    expect(events[0]).toMatchObject({ content: { kind: 'media', caption: 'Look', media: [{ kind: 'image', url: 'https://ton.twimg.com/dm/1/p.jpg' }] } });
    expect(events[1]).toMatchObject({ content: { kind: 'media', media: [{ kind: 'video', url: 'https://video.twimg.com/high.mp4', mimeType: 'video/mp4' }] } });
    expect((events[1] as { content: { caption?: string } }).content.caption).toBeUndefined();
  });

  it('a read event moves the watermark; typing is a typing signal; other activity carries no events', () => {
    const read = parse(
      delivery({
        direct_message_mark_read_events: [{ created_timestamp: '1700000005000', sender_id: '42', target: { recipient_id: ACCOUNT }, last_read_event_id: '77' }],
        direct_message_indicate_typing_events: [{ created_timestamp: '1700000004000', sender_id: '42', target: { recipient_id: ACCOUNT } }],
      }),
    );
    expect(read).toEqual([
      expect.objectContaining({ type: 'watermark', status: 'read', recipientExternalId: '42', watermark: new Date(1700000005000), externalMessageIds: ['77'] }),
      expect.objectContaining({ type: 'typing', sender: { externalId: '42' }, timestamp: new Date(1700000004000) }),
    ]);
    expect(parse(delivery({ favorite_events: [{ id: 'x' }] }))).toEqual([]);
  });

  it('keeps an unknown DM event type as unsupported with a stable id; malformed bodies are errors, never throws', () => {
    const [event] = parse(delivery({ direct_message_events: [{ type: 'reaction_create', id: '8', created_timestamp: '1700000000000' }] }));
    expect(event).toMatchObject({ type: 'unsupported', eventId: 'x:8' });
    expect(xAdapter.parseWebhook('{not json').ok).toBe(false);
    expect(xAdapter.parseWebhook('{"object":"page"}').ok).toBe(false);
    expect(xAdapter.parseWebhook('[1,2]').ok).toBe(false);
    expect(xAdapter.accountIds('{not json')).toEqual([]);
  });
});

describe('X sends', () => {
  const created = jsonResponse(201, { data: { dm_conversation_id: '1-2', dm_event_id: '1582838223456' } });

  it('posts a text with the user token to /2/dm_conversations/with/{id}/messages', async () => {
    const { fetch, calls } = fakeFetch(created);
    const result = await xAdapter.send({ kind: 'text', text: 'Hello' }, ctx(), credentials, api, { fetch });
    expect(result).toEqual({ ok: true, externalId: '1582838223456' });
    expect(calls[0]).toMatchObject({
      url: 'https://x-api.test/2/dm_conversations/with/3805104374/messages',
      method: 'POST',
      headers: { authorization: 'Bearer x-user-token-1', 'content-type': 'application/json' },
      body: { text: 'Hello' },
    });
  });

  it('sends quick replies and payload buttons as options (at most 20, labels to 36), links in the text', async () => {
    const { fetch, calls } = fakeFetch(created);
    const quickReplies = Array.from({ length: 22 }, (_, i) => ({ title: `Option ${i} with a very long label indeed`, payload: `p${i}` }));
    await xAdapter.send(
      { kind: 'text', text: 'Pick', quickReplies, buttons: [{ title: 'Site', url: 'https://shop.test' }] },
      ctx(),
      credentials,
      api,
      { fetch },
    );
    const body = calls[0].body as { text: string; quick_reply: { type: string; options: { label: string; metadata: string }[] } };
    expect(body.text).toBe('Pick\n\nSite: https://shop.test');
    expect(body.quick_reply.type).toBe('options');
    expect(body.quick_reply.options).toHaveLength(20);
    expect(body.quick_reply.options[0]).toEqual({ label: 'Option 0 with a very long label ind…', metadata: 'p0' });
    expect(body.quick_reply.options[0].label.length).toBe(36);
  });

  it('uploads media in chunks (initialize, append, finalize) and sends it by media id', async () => {
    const { fetch, calls } = fakeFetch(
      jsonResponse(200, { data: { id: '1146654567674912769', media_key: '16_1', expires_after_secs: 86400 } }),
      jsonResponse(200, { data: {} }),
      jsonResponse(200, { data: { id: '1146654567674912769' } }),
      created,
    );
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const result = await xAdapter.send(
      { kind: 'media', mediaKind: 'image', url: '/api/files/x', caption: 'Your bag' },
      ctx({ loadMedia: async () => ({ data: png, mimeType: 'image/png' }) }),
      credentials,
      api,
      { fetch },
    );
    expect(result).toEqual({ ok: true, externalId: '1582838223456' });
    expect(calls.map((c) => c.url)).toEqual([
      'https://x-api.test/2/media/upload/initialize',
      'https://x-api.test/2/media/upload/1146654567674912769/append',
      'https://x-api.test/2/media/upload/1146654567674912769/finalize',
      'https://x-api.test/2/dm_conversations/with/3805104374/messages',
    ]);
    expect(calls[0].body).toEqual({ media_type: 'image/png', total_bytes: png.length, media_category: 'dm_image' });
    expect(calls[1].body).toEqual({ media: png.toString('base64'), segment_index: 0 });
    expect(calls[3].body).toEqual({ text: 'Your bag', attachments: [{ media_id: '1146654567674912769' }] });
  });

  it('waits for a video to be processed (STATUS) before sending it; a failed processing is not retried', async () => {
    const mp4 = Buffer.from('000000186674797069736f6d', 'hex');
    const load = async () => ({ data: mp4, mimeType: 'video/mp4' });
    const init = jsonResponse(200, { data: { id: '77' } });
    const appended = jsonResponse(200, { data: {} });
    const pending = jsonResponse(200, { data: { id: '77', processing_info: { state: 'pending', check_after_secs: 0 } } });
    const { fetch, calls } = fakeFetch(init, appended, pending, jsonResponse(200, { data: { processing_info: { state: 'succeeded' } } }), created);
    const result = await xAdapter.send({ kind: 'media', mediaKind: 'video', url: '/api/files/v' }, ctx({ loadMedia: load }), credentials, api, { fetch });
    expect(result).toEqual({ ok: true, externalId: '1582838223456' });
    expect(calls[0].body).toMatchObject({ media_category: 'dm_video' });
    expect(calls[3]).toMatchObject({ method: 'GET', url: 'https://x-api.test/2/media/upload?command=STATUS&media_id=77' });
    expect(calls[4].body).toEqual({ attachments: [{ media_id: '77' }] });

    const failing = fakeFetch(init, appended, pending, jsonResponse(200, { data: { processing_info: { state: 'failed', error: { message: 'Unsupported codec' } } } }));
    const refused = await xAdapter.send({ kind: 'media', mediaKind: 'video', url: '/api/files/v' }, ctx({ loadMedia: load }), credentials, api, { fetch: failing.fetch });
    expect(refused).toMatchObject({ ok: false, retryable: false, error: 'X could not process the attachment: Unsupported codec' });
    expect(failing.calls).toHaveLength(4);
  });

  it('refuses audio and documents, and a file type X does not take, before any request', async () => {
    const { fetch, calls } = fakeFetch(created);
    expect(await xAdapter.send({ kind: 'media', mediaKind: 'audio', url: 'https://a/b.mp3' }, ctx(), credentials, api, { fetch })).toMatchObject({ ok: false, retryable: false });
    const bmp = await xAdapter.send(
      { kind: 'media', mediaKind: 'image', url: '/api/files/y' },
      ctx({ loadMedia: async () => ({ data: Buffer.alloc(10), mimeType: 'image/bmp' }) }),
      credentials,
      api,
      { fetch },
    );
    expect(bmp).toMatchObject({ ok: false, retryable: false, code: 'media_limits' });
    expect(calls).toHaveLength(0);
  });

  it('429: retried after x-rate-limit-reset (epoch seconds)', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const { fetch } = fakeFetch(jsonResponse(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { 'x-rate-limit-reset': String(reset) }));
    const result = await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch });
    expect(result).toMatchObject({ ok: false, retryable: true, code: 429 });
    const wait = (result as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(115_000);
    expect(wait).toBeLessThanOrEqual(120_000);
    expect(rateLimitResetMs(new Headers({ 'x-rate-limit-reset': '1700000060' }), 1700000000_000)).toBe(60_000);
  });

  it('a refused token (401, or 403 code 89) fails at once as an auth error; a 403 about the recipient does not', async () => {
    const unauthorized = fakeFetch(jsonResponse(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }));
    expect(await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch: unauthorized.fetch })).toMatchObject({
      ok: false,
      retryable: false,
      authError: true,
    });
    const expired = fakeFetch(jsonResponse(403, { errors: [{ code: 89, message: 'Invalid or expired token.' }] }));
    expect(await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch: expired.fetch })).toMatchObject({
      authError: true,
      error: 'Invalid or expired token. (code 89)',
    });
    const closed = fakeFetch(jsonResponse(403, { errors: [{ code: 349, message: 'You cannot send messages to this user.' }] }));
    const result = await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch: closed.fetch });
    expect(result).toMatchObject({ ok: false, retryable: false, code: 349 });
    expect((result as { authError?: boolean }).authError).toBeUndefined();
  });

  it('5xx and network errors are retried; the token never shows in an error', async () => {
    const { fetch } = fakeFetch(jsonResponse(503, { title: 'Service Unavailable' }));
    expect(await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch })).toMatchObject({ ok: false, retryable: true });
    const down = fakeFetch(new Error('connect ECONNREFUSED with x-user-token-1'));
    const result = await xAdapter.send({ kind: 'text', text: 'Hi' }, ctx(), credentials, api, { fetch: down.fetch });
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(JSON.stringify(result)).not.toContain('x-user-token-1');
  });

  it('has no reply window and clips texts to 10,000 characters', async () => {
    expect(xAdapter.replyWindow(new Date(0), new Date())).toEqual({ state: 'open', closesAt: null });
    const { fetch, calls } = fakeFetch(created);
    await xAdapter.send({ kind: 'text', text: 'a'.repeat(10_050) }, ctx(), credentials, api, { fetch });
    expect((calls[0].body as { text: string }).text).toHaveLength(10_000);
  });
});
