import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphErrors, startFakeMeta, type FakeMeta } from '../../../fake-platforms';
import { getJson, postJson } from './helpers';

const PAGE = { pageId: '1234567890', accessToken: 'page-token-1' };
const PSID = '24680135792468';

let meta: FakeMeta;
const sendUrl = (token = PAGE.accessToken) => `${meta.url}/me/messages?access_token=${encodeURIComponent(token)}`;
const text = (t: string) => ({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: t } });

beforeAll(async () => {
  meta = await startFakeMeta({ pages: [PAGE], whatsappNumbers: [] });
});
afterAll(() => meta.close());
beforeEach(() => meta.reset({ data: true }));

describe('fake Messenger Send API', () => {
  it('serves the configured version under url', () => {
    expect(meta.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v21\.0$/);
  });

  it('accepts a text message, answers like Graph and records it', async () => {
    const res = await postJson(sendUrl(), text('hello'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recipient_id: PSID, message_id: expect.stringMatching(/^m_/) });
    expect(meta.sent).toHaveLength(1);
    expect(meta.sent[0]).toMatchObject({
      platform: 'facebook',
      accountId: PAGE.pageId,
      recipient: PSID,
      message: { text: 'hello' },
      externalId: res.body.message_id,
    });
    const request = meta.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/v21.0/me/messages', query: { access_token: PAGE.accessToken }, status: 200 });
    expect(request.body).toEqual(text('hello'));
    expect(request.raw).toBe(JSON.stringify(text('hello')));
  });

  it('accepts /{PAGE_ID}/messages and a Bearer header', async () => {
    const res = await postJson(`${meta.url}/${PAGE.pageId}/messages`, text('hi'), { authorization: `Bearer ${PAGE.accessToken}` });
    expect(res.status).toBe(200);
  });

  it('accepts attachments, quick replies, templates and the HUMAN_AGENT tag', async () => {
    const bodies = [
      { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'https://x.test/a.jpg', is_reusable: true } } } },
      {
        recipient: { id: PSID },
        messaging_type: 'RESPONSE',
        message: { text: 'Pick', quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'YES' }] },
      },
      {
        recipient: { id: PSID },
        messaging_type: 'RESPONSE',
        message: {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'generic',
              elements: [{ title: 'Shoe', subtitle: '฿1,290', image_url: 'https://x.test/s.jpg', buttons: [{ type: 'postback', title: 'Buy', payload: 'BUY:1' }] }],
            },
          },
        },
      },
      { recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'late reply' } },
    ];
    for (const body of bodies) expect((await postJson(sendUrl(), body)).status).toBe(200);
    expect(meta.sent.map((s) => (s.body as { messaging_type: string }).messaging_type)).toEqual(['RESPONSE', 'RESPONSE', 'RESPONSE', 'MESSAGE_TAG']);
  });

  it('records sender actions apart from messages', async () => {
    const res = await postJson(sendUrl(), { recipient: { id: PSID }, sender_action: 'typing_on' });
    expect(res).toMatchObject({ status: 200, body: { recipient_id: PSID } });
    expect(meta.sent).toHaveLength(0);
    expect(meta.actions[0]).toMatchObject({ platform: 'facebook', action: 'typing_on', recipient: PSID });
  });

  it('refuses a wrong or missing token with the 190 OAuthException', async () => {
    for (const url of [sendUrl('nope'), `${meta.url}/me/messages`]) {
      const res = await postJson(url, text('hi'));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          message: 'Invalid OAuth access token - Cannot parse access token',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: expect.any(String),
        },
      });
    }
    expect(meta.sent).toHaveLength(0);
  });

  it.each([
    ['no recipient', { messaging_type: 'RESPONSE', message: { text: 'x' } }, /recipient/],
    ['no messaging_type', { recipient: { id: PSID }, message: { text: 'x' } }, /messaging_type/],
    ['MESSAGE_TAG without tag', { recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } }, /tag/],
    ['empty message', { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: {} }, /text or attachment/],
    ['text too long', { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x'.repeat(2001) } }, /2000/],
    ['bad attachment type', { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { attachment: { type: 'gif', payload: { url: 'https://x.test' } } } }, /attachment\]\[type\]/],
    ['14 quick replies', { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x', quick_replies: Array.from({ length: 14 }, (_, i) => ({ content_type: 'text', title: `q${i}`, payload: `p${i}` })) } }, /at most 13/],
    ['long quick reply title', { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x', quick_replies: [{ content_type: 'text', title: 'x'.repeat(21), payload: 'p' }] } }, /title.*20/],
    ['bad sender_action', { recipient: { id: PSID }, sender_action: 'dance' }, /sender_action/],
  ])('refuses %s with a (#100) Graph error', async (_name, body, pattern) => {
    const res = await postJson(sendUrl(), body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'OAuthException', code: 100, fbtrace_id: expect.any(String) });
    expect(res.body.error.message).toMatch(/^\(#100\) /);
    expect(res.body.error.message).toMatch(pattern);
    expect(meta.sent).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(sendUrl(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it('answers a scripted failure once, then recovers', async () => {
    meta.failNext({ platform: 'facebook', ...graphErrors.outsideWindow() });
    const failed = await postJson(sendUrl(), text('late'));
    expect(failed.status).toBe(400);
    expect(failed.body.error).toMatchObject({
      message: '(#10) This message is sent outside of allowed window.',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
    });
    expect(meta.sent).toHaveLength(0);
    expect((await postJson(sendUrl(), text('again'))).status).toBe(200);
  });

  it('scripted failures honour times, platform and endpoint', async () => {
    meta.failNext({ platform: 'whatsapp', status: 500, body: {} });
    meta.failNext({ ...graphErrors.serverError(), times: 2 });
    // Sender actions are not sends, so they pass while the send failures wait.
    expect((await postJson(sendUrl(), { recipient: { id: PSID }, sender_action: 'mark_seen' })).status).toBe(200);
    expect((await postJson(sendUrl(), text('1'))).status).toBe(500);
    expect((await postJson(sendUrl(), text('2'))).status).toBe(500);
    expect((await postJson(sendUrl(), text('3'))).status).toBe(200);
  });

  it('waitForSent sees past and future sends and times out clearly', async () => {
    await postJson(sendUrl(), text('first'));
    await expect(meta.waitForSent((s) => (s.message as { text: string }).text === 'first')).resolves.toMatchObject({ recipient: PSID });
    const later = meta.waitForSent((s) => (s.message as { text: string }).text === 'second', 2000);
    const seen: string[] = [];
    const off = meta.onSent((s) => seen.push((s.message as { text: string }).text));
    await postJson(sendUrl(), text('second'));
    await expect(later).resolves.toMatchObject({ platform: 'facebook' });
    off();
    expect(seen).toEqual(['second']);
    await expect(meta.waitForSent((s) => s.recipient === 'nobody', 50)).rejects.toThrow(/Timed out after 50 ms.*2 recorded/s);
  });

  it('serves profiles with the requested fields, and the Graph error for unknown users', async () => {
    meta.setProfile(PSID, { first_name: 'Somchai', last_name: 'Jaidee', profile_pic: 'https://x.test/p.jpg' });
    const url = (id: string, token = PAGE.accessToken) => `${meta.url}/${id}?fields=first_name,last_name,profile_pic&access_token=${token}`;
    const ok = await getJson(url(PSID));
    expect(ok).toMatchObject({ status: 200, body: { first_name: 'Somchai', last_name: 'Jaidee', profile_pic: 'https://x.test/p.jpg', id: PSID } });
    const unknown = await getJson(url('999'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const badToken = await getJson(url(PSID, 'nope'));
    expect(badToken.status).toBe(400);
    expect(badToken.body.error.code).toBe(190);
  });

  it('answers unknown paths and versions with a 404 Graph error', async () => {
    const res = await getJson(`${meta.origin}/v19.0/me/messages`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect((await postJson(`${meta.url}/me/feed?access_token=${PAGE.accessToken}`, {})).status).toBe(404);
  });

  it('holds a response for delayMs, so callers can test their timeouts', async () => {
    meta.failNext({ ...graphErrors.serverError(), delayMs: 300 });
    const started = Date.now();
    await expect(
      fetch(sendUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(text('slow')), signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(300);
  });
});
