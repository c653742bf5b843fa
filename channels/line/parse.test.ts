import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../types';
import { B3 } from '@/tests/support/channels/vectors';
import { lineAdapter } from '.';

const BOT = 'U00000000000000000000000000000000';
const USER = 'U11111111111111111111111111111111';
let n = 0;
const event = (body: object, source: object = { type: 'user', userId: USER }) => ({
  timestamp: 1692251666727,
  source,
  webhookEventId: `01H810YECXQQZ37VAXPF6H9E${String(n++).padStart(2, '0')}`,
  deliveryContext: { isRedelivery: false },
  mode: 'active',
  ...body,
});
const body = (...events: object[]) => JSON.stringify({ destination: BOT, events });

function parse(raw: string): NormalizedEvent[] {
  const result = lineAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}
const message = (msg: object, extra: object = {}) => parse(body(event({ type: 'message', replyToken: 'rt', message: msg, ...extra })))[0];

describe('LINE webhook parsing', () => {
  it('B3: a text message with its reply token; destination is the account id', () => {
    const [e] = parse(B3);
    expect(e).toMatchObject({
      type: 'message',
      externalMessageId: '468789577898262530',
      sender: { externalId: USER },
      content: { kind: 'text', text: 'Hello' },
      replyToken: '38ef843bde154d9b91c21320ffd17a0f',
    });
    expect(e.type === 'message' && e.timestamp.getTime()).toBe(1692251666727);
    expect(e.type === 'message' && e.standby).toBeUndefined();
    expect(lineAdapter.accountIds(B3)).toEqual([BOT]);
  });

  it('an empty events[] (the console Verify button) is ok with no events', () => {
    expect(lineAdapter.parseWebhook(JSON.stringify({ destination: BOT, events: [] }))).toEqual({ ok: true, events: [] });
  });

  it('quotedMessageId → replyToExternalId', () => {
    expect(message({ id: 'm2', type: 'text', text: 'this', quoteToken: 'q', quotedMessageId: 'm1' })).toMatchObject({ replyToExternalId: 'm1' });
  });

  it('media: LINE-hosted by message id, external by URL; stickers as sticker images; locations', () => {
    expect(message({ id: 'img1', type: 'image', contentProvider: { type: 'line' } })).toMatchObject({
      content: { kind: 'media', media: [{ kind: 'image', mediaId: 'img1' }] },
    });
    const external = message({ id: 'v1', type: 'video', duration: 1000, contentProvider: { type: 'external', originalContentUrl: 'https://ext.test/v.mp4', previewImageUrl: 'https://ext.test/p.jpg' } });
    expect(external).toMatchObject({ content: { kind: 'media', media: [{ kind: 'video', url: 'https://ext.test/v.mp4' }] } });
    expect(external.type === 'message' && external.content.kind === 'media' && external.content.media[0].mediaId).toBeUndefined();
    expect(message({ id: 'a1', type: 'audio', duration: 6000, contentProvider: { type: 'line' } })).toMatchObject({ content: { media: [{ kind: 'audio', mediaId: 'a1' }] } });
    expect(message({ id: 'f1', type: 'file', fileName: 'order.pdf', fileSize: 2048 })).toMatchObject({
      content: { media: [{ kind: 'file', mediaId: 'f1', name: 'order.pdf', size: 2048 }] },
    });
    expect(message({ id: 's1', type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' })).toMatchObject({
      content: { kind: 'media', media: [{ kind: 'sticker', url: 'https://stickershop.line-scdn.net/stickershop/v1/sticker/1988/android/sticker.png' }] },
    });
    expect(message({ id: 'l1', type: 'location', title: 'Shop', address: 'Bangkok', latitude: 13.75, longitude: 100.5 })).toMatchObject({
      content: { kind: 'location', latitude: 13.75, longitude: 100.5, name: 'Shop', address: 'Bangkok' },
    });
    expect(message({ id: 'x1', type: 'imagemap' })).toMatchObject({ type: 'message', content: { kind: 'unsupported' } });
  });

  it('postback → postback content keyed by webhookEventId; follow/unfollow; others → unsupported', () => {
    const events = parse(
      body(
        event({ type: 'postback', replyToken: 'rt1', postback: { data: 'BUY:tote' }, webhookEventId: 'EV_PB' }),
        event({ type: 'follow', replyToken: 'rt2', follow: { isUnblocked: false }, webhookEventId: 'EV_F' }),
        event({ type: 'unfollow', webhookEventId: 'EV_U' }),
        event({ type: 'unsend', unsend: { messageId: 'm1' }, webhookEventId: 'EV_X' }),
        event({ type: 'join', replyToken: 'rt3', webhookEventId: 'EV_J' }, { type: 'group', groupId: 'C123' }),
        event({ type: 'brandNewThing', webhookEventId: 'EV_N' }),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['message', 'follow', 'unfollow', 'unsupported', 'unsupported', 'unsupported']);
    expect(events[0]).toMatchObject({ externalMessageId: 'EV_PB', replyToken: 'rt1', content: { kind: 'postback', payload: 'BUY:tote', title: 'BUY:tote' } });
    expect(events[1]).toMatchObject({ sender: { externalId: USER }, replyToken: 'rt2', eventId: 'EV_F' });
    expect(events[2]).toMatchObject({ eventId: 'EV_U' });
    expect(events[3]).toMatchObject({ eventId: 'EV_X', sender: { externalId: USER } });
    expect(events[4]).toMatchObject({ eventId: 'EV_J', sender: { externalId: 'C123' } });
    expect(events[5]).toMatchObject({ eventId: 'EV_N', description: expect.stringContaining('brandNewThing') });
  });

  it('group and room sources: the userId when given, else the group or room id', () => {
    const text = { type: 'message', replyToken: 'r', message: { id: 'g1', type: 'text', text: 'hi' } };
    const [withUser, groupOnly, roomOnly] = parse(
      body(
        event(text, { type: 'group', groupId: 'C1', userId: 'U2' }),
        event({ ...text, message: { ...text.message, id: 'g2' } }, { type: 'group', groupId: 'C1' }),
        event({ ...text, message: { ...text.message, id: 'g3' } }, { type: 'room', roomId: 'R1' }),
      ),
    );
    expect(withUser).toMatchObject({ sender: { externalId: 'U2' } });
    expect(groupOnly).toMatchObject({ sender: { externalId: 'C1' } });
    expect(roomOnly).toMatchObject({ sender: { externalId: 'R1' } });
  });

  it('standby events are recorded and marked standby', () => {
    expect(message({ id: 'sb', type: 'text', text: 'hi' }, { mode: 'standby', replyToken: undefined })).toMatchObject({ type: 'message', standby: true });
  });

  it('batches keep their order; malformed JSON or shape → ok:false', () => {
    const events = parse(body(...['a', 'b', 'c'].map((id) => event({ type: 'message', replyToken: 'r', message: { id, type: 'text', text: id } }))));
    expect(events.map((e) => e.type === 'message' && e.externalMessageId)).toEqual(['a', 'b', 'c']);
    expect(lineAdapter.parseWebhook('{"events":')).toMatchObject({ ok: false });
    expect(lineAdapter.parseWebhook('{"destination":"U0"}')).toMatchObject({ ok: false });
    expect(lineAdapter.accountIds('oops')).toEqual([]);
  });
});
