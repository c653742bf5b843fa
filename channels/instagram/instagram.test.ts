import { describe, expect, it } from 'vitest';
import type { NormalizedEvent, OutboundMessage, SendContext } from '../types';
import { mediaLimitError } from '../shared/media-limits';
import { fakeFetch, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { instagramAdapter } from '.';

const credentials = { appSecret: 'ig_app_secret_123', accessToken: 'IG TOKEN/1', verifyToken: 'my-verify-token' };
const api = { ...API, accountId: '17841400000000001' };
const IG = '17841400000000001';

// A worked example, checked with `openssl dgst -sha256 -hmac ig_app_secret_123` over these exact bytes.
const I1 =
  '{"object":"instagram","entry":[{"id":"17841400000000001","time":1700000000000,"messaging":[{"sender":{"id":"1790000000000042"},' +
  '"recipient":{"id":"17841400000000001"},"timestamp":1700000000123,"message":{"mid":"aWdfZAG1faXRlbToxOklHTWVzc2FnZAA","text":"Is the red bag in stock?"}}]}]}';
const I1_SIGNATURE = 'sha256=b7a0d7fd61cafa19e92d2c2fdb681f432dbe914154c8aa42b320e26586dcded6';
const headers = (value?: string) => new Headers(value === undefined ? {} : { 'X-Hub-Signature-256': value });

const ig = (...messaging: object[]) => JSON.stringify({ object: 'instagram', entry: [{ id: IG, time: 1700000000000, messaging }] });
const from = (igsid: string, body: object) => ({ sender: { id: igsid }, recipient: { id: IG }, timestamp: 1700000000123, ...body });

function parse(raw: string): NormalizedEvent[] {
  const result = instagramAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}

describe('Instagram signature (X-Hub-Signature-256 with the app secret)', () => {
  it('I1: accepts the worked example on its raw bytes', () => {
    expect(instagramAdapter.verifySignature(Buffer.from(I1), headers(I1_SIGNATURE), credentials)).toBe(true);
  });

  it('refuses a missing header, another secret, a changed byte, a re-serialised body', () => {
    expect(instagramAdapter.verifySignature(Buffer.from(I1), headers(), credentials)).toBe(false);
    expect(instagramAdapter.verifySignature(Buffer.from(I1), headers(I1_SIGNATURE), { ...credentials, appSecret: 'other' })).toBe(false);
    expect(instagramAdapter.verifySignature(Buffer.from(I1.replace('red', 'Red')), headers(I1_SIGNATURE), credentials)).toBe(false);
    expect(instagramAdapter.verifySignature(Buffer.from(JSON.stringify(JSON.parse(I1), null, 1)), headers(I1_SIGNATURE), credentials)).toBe(false);
  });

  it('answers the GET challenge with the verify token only', () => {
    const params = (token: string) => new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(instagramAdapter.verifyHandshake!(params('my-verify-token'), credentials)).toBe('1158201444');
    expect(instagramAdapter.verifyHandshake!(params('wrong'), credentials)).toBeNull();
  });
});

describe('Instagram webhook parsing', () => {
  it('I1: a DM from an IGSID; the account is entry[].id', () => {
    const [event] = parse(I1);
    expect(event).toMatchObject({
      type: 'message',
      externalMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAA',
      sender: { externalId: '1790000000000042' },
      content: { kind: 'text', text: 'Is the red bag in stock?' },
    });
    expect(instagramAdapter.accountIds(I1)).toEqual([IG]);
  });

  it('refuses a Messenger page payload, and Messenger refuses an Instagram one', async () => {
    expect(instagramAdapter.parseWebhook(JSON.stringify({ object: 'page', entry: [] }))).toMatchObject({ ok: false });
    const { facebookAdapter } = await import('../facebook');
    expect(facebookAdapter.parseWebhook(I1)).toMatchObject({ ok: false });
  });

  it('images, video and audio as media', () => {
    const [event] = parse(
      ig(
        from('U1', {
          message: {
            mid: 'm_media',
            attachments: [
              { type: 'image', payload: { url: 'https://cdn.test/a.jpg' } },
              { type: 'video', payload: { url: 'https://cdn.test/v.mp4' } },
              { type: 'audio', payload: { url: 'https://cdn.test/a.m4a' } },
            ],
          },
        }),
      ),
    );
    expect(event).toMatchObject({
      type: 'message',
      content: { kind: 'media', media: [{ kind: 'image', url: 'https://cdn.test/a.jpg' }, { kind: 'video' }, { kind: 'audio' }] },
    });
  });

  it('a reply to the shop’s story carries the story link', () => {
    const [event] = parse(ig(from('U1', { message: { mid: 'm_s', text: 'Love this!', reply_to: { story: { id: '1789', url: 'https://lookaside.test/story.jpg' } } } })));
    expect(event).toMatchObject({
      type: 'message',
      content: { kind: 'text', text: 'Love this!' },
      reference: { kind: 'story_reply', url: 'https://lookaside.test/story.jpg' },
    });
  });

  it('a story mention, a shared post (share + ig_post once) and a reel', () => {
    const [mention, post, reel] = parse(
      ig(
        from('U1', { message: { mid: 'm_1', attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.test/mention.mp4' } }] } }),
        from('U1', {
          message: {
            mid: 'm_2',
            attachments: [
              { type: 'share', payload: { url: 'https://www.instagram.test/p/abc' } },
              { type: 'ig_post', payload: { url: 'https://www.instagram.test/p/abc', title: 'New bags', ig_post_media_id: '1' } },
            ],
          },
        }),
        from('U1', { message: { mid: 'm_3', attachments: [{ type: 'ig_reel', payload: { url: 'https://www.instagram.test/reel/x', title: 'Unboxing', reel_video_id: '9' } }] } }),
      ),
    );
    expect(mention).toMatchObject({ content: { kind: 'text', text: 'Mentioned you in their story' }, reference: { kind: 'story_mention', url: 'https://lookaside.test/mention.mp4' } });
    expect(post).toMatchObject({ content: { kind: 'text', text: 'Shared a post' }, reference: { kind: 'share', url: 'https://www.instagram.test/p/abc' } });
    expect(reel).toMatchObject({ content: { kind: 'text', text: 'Shared a reel' }, reference: { kind: 'share', title: 'Unboxing' } });
  });

  it('a link that is not http(s) is dropped from a reference', () => {
    const [event] = parse(ig(from('U1', { message: { mid: 'm_x', attachments: [{ type: 'story_mention', payload: { url: 'javascript:alert(1)' } }] } })));
    expect(event).toMatchObject({ reference: { kind: 'story_mention' } });
    expect(event.type === 'message' && event.reference?.url).toBeUndefined();
  });

  it('reactions and their removal are events on the message they concern', () => {
    const [react, unreact] = parse(
      ig(
        from('U1', { reaction: { mid: 'm_shop', action: 'react', reaction: 'love', emoji: '❤️' } }),
        from('U1', { reaction: { mid: 'm_shop', action: 'unreact' } }),
      ),
    );
    expect(react).toMatchObject({ type: 'reaction', targetExternalId: 'm_shop', sender: { externalId: 'U1' }, emoji: '❤️' });
    expect(unreact).toMatchObject({ type: 'reaction', targetExternalId: 'm_shop', emoji: null });
  });

  it('an unsent message is a deletion of that mid', () => {
    const [event] = parse(ig(from('U1', { message: { mid: 'm_gone', is_deleted: true } })));
    expect(event).toMatchObject({ type: 'deletion', targetExternalId: 'm_gone', sender: { externalId: 'U1' } });
  });

  it('echoes of the account’s own messages are echoes; unsupported ones are kept visible', () => {
    const [echo, unsupported] = parse(
      ig(
        { sender: { id: IG }, recipient: { id: 'U1' }, timestamp: 1700000000123, message: { mid: 'm_echo', text: 'Sent from the app', is_echo: true } },
        from('U1', { message: { mid: 'm_u', is_unsupported: true } }),
      ),
    );
    expect(echo).toMatchObject({ type: 'echo', externalMessageId: 'm_echo', recipient: { externalId: 'U1' } });
    expect(unsupported).toMatchObject({ type: 'message', content: { kind: 'unsupported' } });
  });
});

describe('Instagram send', () => {
  const ctx: SendContext = { recipient: '1790000000000042', idempotencyKey: '6f1c2d3e-1111-4222-8333-444455556666' };
  const ok = (id: string) => jsonResponse(200, { recipient_id: ctx.recipient, message_id: id });
  async function sendOne(message: OutboundMessage, extra: Partial<SendContext> = {}) {
    const fake = fakeFetch(ok('ig_1'), ok('ig_2'));
    const result = await instagramAdapter.send(message, { ...ctx, ...extra }, credentials, api, { fetch: fake.fetch });
    return { result, calls: fake.calls, body: fake.calls[0]?.body as Record<string, any> };
  }

  it('posts the Send API body to /me/messages with the account token', async () => {
    const { result, calls, body } = await sendOne({ kind: 'text', text: 'Yes, in stock!' });
    expect(result).toEqual({ ok: true, externalId: 'ig_1' });
    expect(calls[0].url).toBe('https://graph.test/v21.0/me/messages?access_token=IG%20TOKEN%2F1');
    expect(body).toEqual({ recipient: { id: ctx.recipient }, messaging_type: 'RESPONSE', message: { text: 'Yes, in stock!' } });
  });

  it('HUMAN_AGENT tag for replies after 24 h', async () => {
    const { body } = await sendOne({ kind: 'text', text: 'Sorry for the wait' }, { humanAgentTag: true });
    expect(body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('buttons become text quick replies (no button template), links go into the text', async () => {
    const { body } = await sendOne({
      kind: 'text',
      text: 'What next?',
      buttons: [{ title: 'Track order', payload: 'TRACK' }, { title: 'Shop', url: 'https://shop.test' }],
    });
    expect(body.message.attachment).toBeUndefined();
    expect(body.message.quick_replies).toEqual([{ content_type: 'text', title: 'Track order', payload: 'TRACK' }]);
    expect(body.message.text).toContain('https://shop.test');
  });

  it('images go as attachments; documents and texts over 1,000 characters are refused before any call', async () => {
    const image = await sendOne({ kind: 'media', mediaKind: 'image', url: 'https://files.test/a.jpg' });
    expect(image.body.message.attachment).toMatchObject({ type: 'image', payload: { url: 'https://files.test/a.jpg' } });
    const file = await sendOne({ kind: 'media', mediaKind: 'file', url: 'https://files.test/a.pdf' });
    expect(file.result).toMatchObject({ ok: false, retryable: false, error: 'Instagram cannot send documents' });
    expect(file.calls).toHaveLength(0);
    const long = await sendOne({ kind: 'text', text: 'x'.repeat(1001) });
    expect(long.result).toMatchObject({ ok: false, error: 'Instagram messages are limited to 1000 characters' });
  });

  it('an invalid token (190) marks the channel’s credentials refused; outside the window is final', async () => {
    const fake = fakeFetch(jsonResponse(400, { error: { message: 'Invalid OAuth access token', code: 190 } }), jsonResponse(400, { error: { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 } }));
    expect(await instagramAdapter.send({ kind: 'text', text: 'a' }, ctx, credentials, api, { fetch: fake.fetch })).toMatchObject({ ok: false, authError: true, retryable: false });
    expect(await instagramAdapter.send({ kind: 'text', text: 'b' }, ctx, credentials, api, { fetch: fake.fetch })).toMatchObject({ ok: false, retryable: false, code: 10 });
  });
});

describe('Instagram reply window and media limits', () => {
  const last = new Date('2026-01-01T10:00:00Z');
  const at = (hours: number) => new Date(last.getTime() + hours * 3_600_000);

  it('24 h open, then HUMAN_AGENT until 7 days, then closed with the reason', () => {
    expect(instagramAdapter.replyWindow(last, at(23))).toMatchObject({ state: 'open' });
    expect(instagramAdapter.replyWindow(last, at(25))).toMatchObject({ state: 'human_agent', closesAt: at(168) });
    expect(instagramAdapter.replyWindow(last, at(169))).toEqual({
      state: 'closed',
      reason: 'More than 7 days since the customer wrote: Instagram accepts no reply until they write again',
    });
    expect(instagramAdapter.replyWindow(null, at(1))).toMatchObject({ state: 'closed' });
  });

  it('images PNG/JPEG up to 8 MB, video up to 25 MB, no documents', () => {
    const limits = instagramAdapter.rules.mediaLimits!;
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'image', mimeType: 'image/jpeg', size: 8 * 1024 * 1024 })).toBeNull();
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'image', mimeType: 'image/jpeg', size: 9 * 1024 * 1024 })).toBe(
      'Instagram takes images up to 8 MB (this one is 9.0 MB).',
    );
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'image', mimeType: 'image/gif', size: 10 })).toBe(
      'Instagram takes images as PNG or JPEG only (this one is image/gif).',
    );
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'video', mimeType: 'video/mp4', size: 20 * 1024 * 1024 })).toBeNull();
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'file', mimeType: 'application/pdf', size: 10 })).toBe('Instagram cannot send documents.');
    // A pasted link's type and size are unknown: the platform decides.
    expect(mediaLimitError('Instagram', limits, { mediaKind: 'image' })).toBeNull();
  });
});

describe('Instagram profile', () => {
  it('name, username and picture; the @handle when there is no name', async () => {
    const fake = fakeFetch(
      jsonResponse(200, { name: 'Ploy S.', username: 'ploy.s', profile_pic: 'https://cdn.test/p.jpg', id: 'U1' }),
      jsonResponse(200, { username: 'nameless', id: 'U2' }),
    );
    expect(await instagramAdapter.fetchProfile!('U1', credentials, api, { fetch: fake.fetch })).toEqual({ name: 'Ploy S.', username: 'ploy.s', avatarUrl: 'https://cdn.test/p.jpg' });
    expect(fake.calls[0].url).toBe('https://graph.test/v21.0/U1?fields=name,username,profile_pic&access_token=IG%20TOKEN%2F1');
    expect(await instagramAdapter.fetchProfile!('U2', credentials, api, { fetch: fake.fetch })).toEqual({ name: '@nameless', username: 'nameless' });
  });
});
