import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineErrors, lineUserId, startFakeLine, type FakeLine } from '../../../fake-platforms';
import { bearer, getJson, postJson } from './helpers';

const BOT = { channelAccessToken: 'line-token-1', botUserId: 'U00000000000000000000000000000001' };
const OTHER_BOT = { channelAccessToken: 'line-token-2', botUserId: 'U00000000000000000000000000000002' };
const USER = 'U11111111111111111111111111111111';
const AUTH_FAILED = 'Authentication failed. Confirm that the access token in the authorization header is valid.';

let line: FakeLine;
const auth = bearer(BOT.channelAccessToken);
const reply = (replyToken: string, messages: unknown[] = [{ type: 'text', text: 'hi' }], headers: Record<string, string> = auth) =>
  postJson(`${line.apiUrl}/v2/bot/message/reply`, { replyToken, messages }, headers);
const push = (body: unknown, headers: Record<string, string> = auth) => postJson(`${line.apiUrl}/v2/bot/message/push`, body, headers);

beforeAll(async () => {
  line = await startFakeLine({ bots: [BOT, OTHER_BOT] });
});
afterAll(() => line.close());
beforeEach(() => line.reset({ data: true }));

describe('fake LINE Messaging API: reply', () => {
  it('accepts an issued reply token once and answers sentMessages', async () => {
    const token = line.issueReplyToken(USER);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const first = await reply(token, [{ type: 'text', text: 'one' }, { type: 'sticker', packageId: '446', stickerId: '1988' }]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      sentMessages: [
        { id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) },
        { id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) },
      ],
    });
    expect(first.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.sent).toHaveLength(2);
    expect(line.sent[0]).toMatchObject({
      platform: 'line',
      via: 'reply',
      accountId: BOT.botUserId,
      recipient: USER,
      replyToken: token,
      message: { type: 'text', text: 'one' },
      externalId: first.body.sentMessages[0].id,
    });

    const again = await reply(token);
    expect(again).toMatchObject({ status: 400, body: { message: 'Invalid reply token' } });
    expect(line.sent).toHaveLength(2);
  });

  it('refuses unknown, expired and other-bot reply tokens', async () => {
    expect((await reply('0123456789abcdef0123456789abcdef')).body).toEqual({ message: 'Invalid reply token' });
    const shortLived = line.issueReplyToken(USER, { ttlMs: 20 });
    await new Promise((r) => setTimeout(r, 40));
    expect((await reply(shortLived)).body).toEqual({ message: 'Invalid reply token' });
    const forOther = line.issueReplyToken(USER, { botUserId: OTHER_BOT.botUserId });
    expect((await reply(forOther)).status).toBe(400);
    expect((await reply(forOther, undefined, bearer(OTHER_BOT.channelAccessToken))).status).toBe(200);
  });

  it('does not use up a token on an invalid body', async () => {
    const token = line.issueReplyToken(USER);
    expect((await reply(token, [{ type: 'text' }])).status).toBe(400);
    expect((await reply(token)).status).toBe(200);
  });

  it('refuses X-Line-Retry-Key on reply', async () => {
    const res = await reply(line.issueReplyToken(USER), undefined, { ...auth, 'x-line-retry-key': randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/X-Line-Retry-Key/);
  });
});

describe('fake LINE Messaging API: push', () => {
  const textPush = (text = 'hello') => ({ to: USER, messages: [{ type: 'text', text }] });

  it('accepts a push and records it', async () => {
    const res = await push(textPush());
    expect(res.status).toBe(200);
    expect(res.body.sentMessages).toHaveLength(1);
    expect(line.sent[0]).toMatchObject({ via: 'push', recipient: USER, message: { type: 'text', text: 'hello' } });
  });

  it('answers 409 with x-line-accepted-request-id when a retry key was already accepted', async () => {
    const key = randomUUID();
    const first = await push(textPush(), { ...auth, 'x-line-retry-key': key });
    expect(first.status).toBe(200);
    const retry = await push(textPush(), { ...auth, 'x-line-retry-key': key });
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ message: 'The retry key is already accepted', sentMessages: first.body.sentMessages });
    expect(retry.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(retry.headers.get('x-line-request-id')).not.toBe(first.headers.get('x-line-request-id'));
    expect(line.sent).toHaveLength(1);
  });

  it('lets a retry key be reused after a failed attempt, and refuses non-UUID keys', async () => {
    const key = randomUUID();
    line.failNext(lineErrors.serverError());
    expect((await push(textPush(), { ...auth, 'x-line-retry-key': key })).status).toBe(500);
    expect((await push(textPush(), { ...auth, 'x-line-retry-key': key })).status).toBe(200);
    expect((await push(textPush(), { ...auth, 'x-line-retry-key': 'not-a-uuid' })).status).toBe(400);
  });

  it('refuses a missing or wrong access token with 401', async () => {
    const wrong = await push(textPush(), bearer('nope'));
    expect(wrong).toMatchObject({ status: 401, body: { message: AUTH_FAILED } });
    expect(wrong.headers.get('x-line-request-id')).toBeTruthy();
    const missing = await push(textPush(), {});
    expect(missing.status).toBe(401);
    expect(line.sent).toHaveLength(0);
  });

  it('refuses an invalid `to`', async () => {
    const res = await push({ to: 'someone', messages: [{ type: 'text', text: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/'to'/);
  });

  it('validates every message and reports each problem with its property', async () => {
    const res = await push({
      to: USER,
      messages: [
        { type: 'text', text: 'x'.repeat(5001) },
        { type: 'image', originalContentUrl: 'https://x.test/a.jpg' },
        { type: 'audio', originalContentUrl: 'https://x.test/a.m4a' },
        { type: 'gif' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'The request body has 4 error(s)',
      details: [
        { message: 'Length must be between 0 and 5000', property: 'messages[0].text' },
        { message: 'must be specified', property: 'messages[1].previewImageUrl' },
        { message: 'must be specified', property: 'messages[2].duration' },
        { message: expect.stringMatching(/^Must be one of the following values/), property: 'messages[3].type' },
      ],
    });
  });

  it.each([
    ['no messages', { to: USER, messages: [] }, 'messages'],
    ['six messages', { to: USER, messages: Array.from({ length: 6 }, () => ({ type: 'text', text: 'x' })) }, 'messages'],
    ['location without address', { to: USER, messages: [{ type: 'location', title: 'Shop', latitude: 1, longitude: 2 }] }, 'messages[0].address'],
    ['template without altText', { to: USER, messages: [{ type: 'template', template: { type: 'confirm', text: 'Sure?', actions: [{ type: 'message', label: 'Yes', text: 'yes' }, { type: 'message', label: 'No', text: 'no' }] } }] }, 'messages[0].altText'],
    ['flex without contents', { to: USER, messages: [{ type: 'flex', altText: 'card' }] }, 'messages[0].contents'],
    [
      '14 quick reply items',
      { to: USER, messages: [{ type: 'text', text: 'x', quickReply: { items: Array.from({ length: 14 }, (_, i) => ({ type: 'action', action: { type: 'message', label: `q${i}`, text: `q${i}` } })) } }] },
      'messages[0].quickReply.items',
    ],
    [
      'a quick reply label over 20',
      { to: USER, messages: [{ type: 'text', text: 'x', quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'x'.repeat(21), data: 'd' } }] } }] },
      'messages[0].quickReply.items[0].action.label',
    ],
  ])('refuses %s', async (_name, body, property) => {
    const res = await push(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { property: string }) => d.property)).toContain(property);
  });

  it('accepts the other message types', async () => {
    const res = await push({
      to: USER,
      messages: [
        { type: 'image', originalContentUrl: 'http://127.0.0.1:3000/a.jpg', previewImageUrl: 'https://x.test/p.jpg' },
        { type: 'location', title: 'Shop', address: '1 Road', latitude: 13.7, longitude: 100.5 },
        {
          type: 'template',
          altText: 'Shoe',
          template: { type: 'buttons', title: 'Shoe', text: '฿1,290', thumbnailImageUrl: 'https://x.test/s.jpg', actions: [{ type: 'postback', label: 'Buy', data: 'buy=1' }, { type: 'uri', label: 'View', uri: 'https://x.test/s' }] },
        },
        { type: 'flex', altText: 'card', contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } } },
        { type: 'text', text: 'Pick', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'Yes', text: 'yes' } }] } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(line.sent).toHaveLength(5);
  });

  it('answers a scripted 429 once, then recovers', async () => {
    line.failNext(lineErrors.rateLimited());
    const limited = await push(textPush());
    expect(limited).toMatchObject({ status: 429, body: { message: expect.stringMatching(/rate limit/) } });
    expect(limited.headers.get('x-line-request-id')).toBeTruthy();
    expect((await push(textPush())).status).toBe(200);
  });

  it('waitForSent resolves on a later push', async () => {
    const waiting = line.waitForSent((s) => s.recipient === USER, 2000);
    await push(textPush('later'));
    await expect(waiting).resolves.toMatchObject({ message: { text: 'later' } });
    await expect(line.waitForSent((s) => s.recipient === 'nobody', 30)).rejects.toThrow(/Timed out after 30 ms.*LINE send/);
  });
});

describe('fake LINE Messaging API: profile and content', () => {
  it('serves a set profile, and 404 for strangers', async () => {
    line.setProfile(USER, { displayName: 'Nok', pictureUrl: 'https://x.test/n.jpg' });
    expect(await getJson(`${line.apiUrl}/v2/bot/profile/${USER}`, auth)).toMatchObject({
      status: 200,
      body: { userId: USER, displayName: 'Nok', pictureUrl: 'https://x.test/n.jpg' },
    });
    expect(await getJson(`${line.apiUrl}/v2/bot/profile/${lineUserId()}`, auth)).toMatchObject({ status: 404, body: { message: 'Not found' } });
    expect((await getJson(`${line.apiUrl}/v2/bot/profile/${USER}`)).status).toBe(401);
  });

  it('serves message content on the data URL with the Bearer token', async () => {
    const data = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]);
    line.addContent('468789577898262530', { data, mimeType: 'image/jpeg' });
    const res = await fetch(`${line.dataUrl}/v2/bot/message/468789577898262530/content`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-line-request-id')).toBeTruthy();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(data);
    expect((await fetch(`${line.dataUrl}/v2/bot/message/468789577898262530/content`)).status).toBe(401);
    expect((await fetch(`${line.dataUrl}/v2/bot/message/1/content`, { headers: auth })).status).toBe(404);
  });

  it('answers unknown paths with 404', async () => {
    const res = await getJson(`${line.apiUrl}/v2/bot/info`, auth);
    expect(res).toMatchObject({ status: 404, body: { message: 'Not found' } });
  });
});
