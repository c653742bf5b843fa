import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lineSignature,
  lineWebhook,
  messengerWebhook,
  metaEscapeJson,
  metaSignature,
  startFakeLine,
  whatsappWebhook,
  type FakeLine,
} from '../../../fake-platforms';
import { bearer, postJson } from './helpers';

// Bodies and expected values from the platforms' published samples (tests/support/channels/vectors.ts).
const B1 =
  '{"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"USER_PSID"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"hello, world!"}}]}]}';
const B2 =
  '{"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PHONE_NUMBER_ID"},"contacts":[{"profile":{"name":"Kerry"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST1","timestamp":"1700000000","text":{"body":"hi"},"type":"text"}]},"field":"messages"}]}]}';
const B3 =
  '{"destination":"U00000000000000000000000000000000","events":[{"type":"message","message":{"type":"text","id":"468789577898262530","quoteToken":"q3Plxr4AgKd","text":"Hello"},"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"user","userId":"U11111111111111111111111111111111"},"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}]}';

const APP_SECRET = 'test_app_secret';
const LINE_SECRET = 'line_channel_secret';

/** The receiver-side checks, as an M1/L1-style verifier would do them over the raw body. */
function metaVerifies(body: string, header: string, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
function lineVerifies(body: string, header: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(header, 'base64');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('signatures match the protocol test vectors', () => {
  it('M1, M2: Meta X-Hub-Signature-256', () => {
    expect(metaSignature(B1, APP_SECRET)).toBe('sha256=71faf239f0f86b907318c0729704f0b2c372f3a00220fc39ad26845aac9cc056');
    expect(metaSignature(B2, APP_SECRET)).toBe('sha256=4058d7cef34401358793acf08709b11e50ff6ff1a2442eb2c1b34ce5f1ccd19a');
    const hook = messengerWebhook({ payload: JSON.parse(B1) }, APP_SECRET);
    expect(hook.body).toBe(B1);
    expect(hook.headers['x-hub-signature-256']).toBe('sha256=71faf239f0f86b907318c0729704f0b2c372f3a00220fc39ad26845aac9cc056');
  });

  it('L1, L2: LINE x-line-signature', () => {
    expect(lineSignature('{"hello":"world"}', 'test_secret')).toBe('t7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=');
    expect(lineSignature(B3, LINE_SECRET)).toBe('PR6eLrEdzgVbVFRitl5UoZJaqA0vLTDxuXv21mBU4oM=');
    expect(lineWebhook({ payload: JSON.parse(B3) }, LINE_SECRET).headers['x-line-signature']).toBe('PR6eLrEdzgVbVFRitl5UoZJaqA0vLTDxuXv21mBU4oM=');
  });

  it("M3: Meta's escaping, so only raw-body verification passes", () => {
    expect(metaEscapeJson({ t: 'ä' })).toBe('{"t":"\\u00e4"}');
    expect(metaSignature(metaEscapeJson({ t: 'ä' }), APP_SECRET)).toMatch(/^sha256=50daf52e.*e532ab1a$/);
    expect(metaEscapeJson({ u: 'https://a/b', s: '<%@>', e: '😀' })).toBe(
      '{"u":"https:\\/\\/a\\/b","s":"\\u003C\\u0025\\u0040>","e":"\\ud83d\\ude00"}',
    );
    const hook = messengerWebhook({ pageId: 'P1', psid: 'U1', text: 'สวัสดี ค่ะ / <b>' }, APP_SECRET);
    expect(hook.body).not.toContain('สวัสดี');
    expect(metaVerifies(hook.body, hook.headers['x-hub-signature-256'], APP_SECRET)).toBe(true);
    // Re-serialising the parsed body changes the bytes, and with them the digest.
    expect(metaVerifies(JSON.stringify(JSON.parse(hook.body)), hook.headers['x-hub-signature-256'], APP_SECRET)).toBe(false);
    expect(JSON.parse(hook.body).entry[0].messaging[0].message.text).toBe('สวัสดี ค่ะ / <b>');
  });
});

describe('messengerWebhook', () => {
  it('builds a signed text message with quick reply and reply_to', () => {
    const hook = messengerWebhook({ pageId: 'PAGE1', psid: 'PSID1', text: 'Yes', quickReplyPayload: 'YES', replyToMid: 'm_prev', timestamp: 1700000000000 }, APP_SECRET);
    expect(hook.headers['content-type']).toBe('application/json');
    expect(metaVerifies(hook.body, hook.headers['x-hub-signature-256'], APP_SECRET)).toBe(true);
    expect(hook.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(JSON.parse(hook.body)).toEqual({
      object: 'page',
      entry: [
        {
          id: 'PAGE1',
          time: 1700000000000,
          messaging: [
            {
              sender: { id: 'PSID1' },
              recipient: { id: 'PAGE1' },
              timestamp: 1700000000000,
              message: { mid: hook.mid, text: 'Yes', quick_reply: { payload: 'YES' }, reply_to: { mid: 'm_prev' } },
            },
          ],
        },
      ],
    });
  });

  it('builds attachments, postbacks, echoes, watermarks and raw events', () => {
    const parse = (h: { body: string }) => JSON.parse(h.body).entry[0].messaging[0];
    const image = parse(messengerWebhook({ pageId: 'P', psid: 'U', attachments: [{ type: 'image', payload: { url: 'https://x.test/a.jpg' } }] }, APP_SECRET));
    expect(image.message.attachments[0].type).toBe('image');
    const postback = parse(messengerWebhook({ pageId: 'P', psid: 'U', postback: { title: 'Buy', payload: 'BUY:1' } }, APP_SECRET));
    expect(postback.postback).toMatchObject({ title: 'Buy', payload: 'BUY:1', mid: expect.stringMatching(/^m_/) });
    const echo = parse(messengerWebhook({ pageId: 'P', psid: 'U', text: 'from page', echo: {} }, APP_SECRET));
    expect(echo).toMatchObject({ sender: { id: 'P' }, recipient: { id: 'U' }, message: { is_echo: true, text: 'from page' } });
    const read = parse(messengerWebhook({ pageId: 'P', psid: 'U', read: { watermark: new Date(5000) } }, APP_SECRET));
    expect(read.read).toEqual({ watermark: 5000 });
    const raw = messengerWebhook({ pageId: 'P', events: [{ custom: 1 }, { custom: 2 }] }, APP_SECRET);
    expect(JSON.parse(raw.body).entry[0].messaging).toEqual([{ custom: 1 }, { custom: 2 }]);
    expect(metaVerifies(raw.body, raw.headers['x-hub-signature-256'], APP_SECRET)).toBe(true);
  });
});

describe('whatsappWebhook', () => {
  it('builds a signed text message in the Cloud API envelope', () => {
    const hook = whatsappWebhook({ phoneNumberId: 'PN1', waId: '16505551234', name: 'Kerry', text: 'hi', timestamp: 1700000000000 }, APP_SECRET);
    expect(metaVerifies(hook.body, hook.headers['x-hub-signature-256'], APP_SECRET)).toBe(true);
    const value = JSON.parse(hook.body).entry[0].changes[0].value;
    expect(JSON.parse(hook.body)).toMatchObject({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages' }] }] });
    expect(value).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550001111', phone_number_id: 'PN1' },
      contacts: [{ profile: { name: 'Kerry' }, wa_id: '16505551234' }],
      messages: [{ from: '16505551234', id: hook.messageId, timestamp: '1700000000', type: 'text', text: { body: 'hi' } }],
    });
  });

  it('builds media, interactive replies and failed statuses', () => {
    const value = (h: { body: string }) => JSON.parse(h.body).entry[0].changes[0].value;
    const image = value(whatsappWebhook({ phoneNumberId: 'PN1', waId: '1', image: { mediaId: '9001', mimeType: 'image/png', caption: 'look' } }, APP_SECRET));
    expect(image.messages[0]).toMatchObject({ type: 'image', image: { id: '9001', mime_type: 'image/png', caption: 'look' } });
    const button = value(whatsappWebhook({ phoneNumberId: 'PN1', waId: '1', buttonReply: { id: 'yes', title: 'Yes' }, replyTo: { id: 'wamid.OUT' } }, APP_SECRET));
    expect(button.messages[0]).toMatchObject({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } }, context: { id: 'wamid.OUT' } });
    const failed = whatsappWebhook(
      {
        phoneNumberId: 'PN1',
        waId: '16505551234',
        statuses: [{ id: 'wamid.OUT', status: 'failed', error: { code: 131047, title: 'Re-engagement message', details: 'more than 24 hours' } }],
      },
      APP_SECRET,
    );
    expect(value(failed).messages).toBeUndefined();
    expect(value(failed).statuses[0]).toMatchObject({
      id: 'wamid.OUT',
      status: 'failed',
      recipient_id: '16505551234',
      errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'more than 24 hours' } }],
    });
    expect(metaVerifies(failed.body, failed.headers['x-hub-signature-256'], APP_SECRET)).toBe(true);
  });
});

describe('lineWebhook', () => {
  const BOT = { channelAccessToken: 'line-token', botUserId: 'U0123456789abcdef0123456789abcdef' };
  const USER = 'Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  let line: FakeLine;
  beforeAll(async () => {
    line = await startFakeLine({ bots: [BOT] });
  });
  afterAll(() => line.close());

  it('builds a signed text event with a ULID event id and a reply token usable once on the fake', async () => {
    const hook = lineWebhook({ destination: BOT.botUserId, userId: USER, text: 'Hello', fakeLine: line }, LINE_SECRET);
    expect(lineVerifies(hook.body, hook.headers['x-line-signature'], LINE_SECRET)).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      destination: BOT.botUserId,
      events: [
        {
          type: 'message',
          mode: 'active',
          source: { type: 'user', userId: USER },
          webhookEventId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
          deliveryContext: { isRedelivery: false },
          replyToken: hook.replyToken,
          message: { type: 'text', text: 'Hello', id: hook.messageId, quoteToken: expect.any(String) },
        },
      ],
    });
    const body = { replyToken: hook.replyToken, messages: [{ type: 'text', text: 'Hi!' }] };
    expect((await postJson(`${line.apiUrl}/v2/bot/message/reply`, body, bearer(BOT.channelAccessToken))).status).toBe(200);
    expect((await postJson(`${line.apiUrl}/v2/bot/message/reply`, body, bearer(BOT.channelAccessToken))).status).toBe(400);
    expect(line.sent[0]).toMatchObject({ recipient: USER, via: 'reply' });
  });

  it('builds image, postback, follow, unfollow and raw events', () => {
    const event = (h: { body: string }) => JSON.parse(h.body).events[0];
    const image = lineWebhook({ destination: BOT.botUserId, userId: USER, image: { id: '468789577898262530' } }, LINE_SECRET);
    expect(image.messageId).toBe('468789577898262530');
    expect(event(image).message).toMatchObject({ type: 'image', id: '468789577898262530', contentProvider: { type: 'line' } });
    expect(event(lineWebhook({ destination: BOT.botUserId, userId: USER, postback: { data: 'buy=1' } }, LINE_SECRET))).toMatchObject({
      type: 'postback',
      postback: { data: 'buy=1' },
      replyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(event(lineWebhook({ destination: BOT.botUserId, userId: USER, follow: true }, LINE_SECRET)).type).toBe('follow');
    const unfollow = event(lineWebhook({ destination: BOT.botUserId, userId: USER, unfollow: true }, LINE_SECRET));
    expect(unfollow.type).toBe('unfollow');
    expect(unfollow.replyToken).toBeUndefined();
    const verify = lineWebhook({ destination: BOT.botUserId, events: [] }, LINE_SECRET);
    expect(JSON.parse(verify.body)).toEqual({ destination: BOT.botUserId, events: [] });
    expect(lineVerifies(verify.body, verify.headers['x-line-signature'], LINE_SECRET)).toBe(true);
  });
});
