import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../types';
import { B1 } from '@/tests/support/channels/vectors';
import { facebookAdapter } from '.';

const PAGE = 'PAGE_1';
const page = (...messaging: object[]) => JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: 1700000000000, messaging }] });
const from = (psid: string, body: object, timestamp = 1700000000123) => ({
  sender: { id: psid },
  recipient: { id: PAGE },
  timestamp,
  ...body,
});

function parse(raw: string): NormalizedEvent[] {
  const result = facebookAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}

describe('Messenger webhook parsing', () => {
  it('B1: a text message', () => {
    const [event] = parse(B1);
    expect(event).toMatchObject({
      type: 'message',
      externalMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
      sender: { externalId: 'USER_PSID' },
      content: { kind: 'text', text: 'hello, world!' },
    });
    expect(event.type === 'message' && event.timestamp.getTime()).toBe(1458692752478);
    expect(facebookAdapter.accountIds(B1)).toEqual(['PAGE_ID']);
  });

  it('a quick-reply tap carries its payload; a reply carries reply_to.mid', () => {
    const [quick, reply] = parse(
      page(
        from('U1', { message: { mid: 'm_1', text: 'Yes', quick_reply: { payload: 'YES' } } }),
        from('U1', { message: { mid: 'm_2', text: 'this one', reply_to: { mid: 'm_0' } } }),
      ),
    );
    expect(quick).toMatchObject({ type: 'message', content: { kind: 'text', text: 'Yes', payload: 'YES' } });
    expect(reply).toMatchObject({ type: 'message', externalMessageId: 'm_2', replyToExternalId: 'm_0' });
  });

  it('attachments: image/video/audio/file as media, stickers, locations, fallback/reel as unsupported', () => {
    const events = parse(
      page(
        from('U1', {
          message: {
            mid: 'm_media',
            attachments: [
              { type: 'image', payload: { url: 'https://cdn.test/a.jpg' } },
              { type: 'video', payload: { url: 'https://cdn.test/v.mp4' } },
              { type: 'audio', payload: { url: 'https://cdn.test/a.mp4' } },
              { type: 'file', payload: { url: 'https://cdn.test/f.pdf' } },
            ],
          },
        }),
        from('U1', {
          message: { mid: 'm_sticker', sticker_id: 369239263222822, attachments: [{ type: 'image', payload: { url: 'https://cdn.test/like.png', sticker_id: 369239263222822 } }] },
        }),
        from('U1', {
          message: { mid: 'm_loc', attachments: [{ type: 'location', title: 'Pinned Location', payload: { coordinates: { lat: 13.75, long: 100.5 } } }] },
        }),
        from('U1', { message: { mid: 'm_fallback', attachments: [{ type: 'fallback', title: 'A shared link', payload: { url: 'https://x.test' } }] } }),
        from('U1', { message: { mid: 'm_reel', attachments: [{ type: 'reel', payload: { url: 'https://reel.test' } }] } }),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'message', 'message', 'message']);
    expect(events[0]).toMatchObject({
      content: {
        kind: 'media',
        media: [
          { kind: 'image', url: 'https://cdn.test/a.jpg' },
          { kind: 'video', url: 'https://cdn.test/v.mp4' },
          { kind: 'audio', url: 'https://cdn.test/a.mp4' },
          { kind: 'file', url: 'https://cdn.test/f.pdf' },
        ],
      },
    });
    expect(events[1]).toMatchObject({ content: { kind: 'media', media: [{ kind: 'sticker', url: 'https://cdn.test/like.png' }] } });
    expect(events[2]).toMatchObject({ content: { kind: 'location', latitude: 13.75, longitude: 100.5, name: 'Pinned Location' } });
    expect(events[3]).toMatchObject({ externalMessageId: 'm_fallback', content: { kind: 'unsupported' } });
    expect(events[3].type === 'message' && events[3].content.kind === 'unsupported' && events[3].content.description).toContain('fallback');
    expect(events[4]).toMatchObject({ externalMessageId: 'm_reel', content: { kind: 'unsupported' } });
  });

  it('a media message with text keeps the text as caption, and keeps an odd extra attachment visible', () => {
    const events = parse(
      page(
        from('U1', {
          message: {
            mid: 'm_mixed',
            text: 'look',
            attachments: [
              { type: 'image', payload: { url: 'https://cdn.test/a.jpg' } },
              { type: 'ig_reel', payload: { url: 'https://reel.test' } },
            ],
          },
        }),
      ),
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'message', content: { kind: 'media', caption: 'look' } });
    expect(events[1]).toMatchObject({ type: 'unsupported', eventId: 'm_mixed:part1', sender: { externalId: 'U1' } });
  });

  it('postbacks: content kind postback, mid as id, or a stable id from sender and time', () => {
    const withMid = from('U1', { postback: { mid: 'm_pb', title: 'Buy now', payload: 'BUY_42' } });
    const withoutMid = from('U2', { postback: { title: 'Get Started', payload: 'GET_STARTED' } }, 1700000000999);
    const events = parse(page(withMid, withoutMid));
    expect(events[0]).toMatchObject({ type: 'message', externalMessageId: 'm_pb', content: { kind: 'postback', title: 'Buy now', payload: 'BUY_42' } });
    expect(events[1]).toMatchObject({ type: 'message', externalMessageId: 'postback:U2:1700000000999' });
    expect(parse(page(withoutMid))[0]).toMatchObject({ externalMessageId: 'postback:U2:1700000000999' });
  });

  it('echoes are outbound: recipient is the customer', () => {
    const [echo] = parse(
      page({ sender: { id: PAGE }, recipient: { id: 'U1' }, timestamp: 1700000000000, message: { mid: 'm_echo', is_echo: true, app_id: 1, text: 'sent from the Page inbox' } }),
    );
    expect(echo).toMatchObject({ type: 'echo', externalMessageId: 'm_echo', recipient: { externalId: 'U1' }, content: { kind: 'text', text: 'sent from the Page inbox' } });
  });

  it('delivery and read receipts become watermarks for the customer', () => {
    const [delivery, read] = parse(
      page(from('U1', { delivery: { mids: ['m_a', 'm_b'], watermark: 1700000001000 } }), from('U1', { read: { watermark: 1700000002000 } })),
    );
    expect(delivery).toMatchObject({ type: 'watermark', status: 'delivered', recipientExternalId: 'U1', externalMessageIds: ['m_a', 'm_b'] });
    expect(delivery.type === 'watermark' && delivery.watermark.getTime()).toBe(1700000001000);
    expect(read).toMatchObject({ type: 'watermark', status: 'read', recipientExternalId: 'U1' });
  });

  it('reactions, referrals, optins and unknown events are kept as unsupported with a stable id', () => {
    const body = page(
      from('U1', { reaction: { mid: 'm_1', action: 'react', emoji: '❤', reaction: 'love' } }),
      from('U1', { referral: { ref: 'summer', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
      from('U1', { optin: { type: 'notification_messages' } }),
      from('U1', { something_new: { x: 1 } }),
    );
    const events = parse(body);
    expect(events.map((e) => e.type)).toEqual(['unsupported', 'unsupported', 'unsupported', 'unsupported']);
    expect(events[0]).toMatchObject({ sender: { externalId: 'U1' }, description: expect.stringContaining('❤') });
    expect(events[3]).toMatchObject({ description: expect.stringContaining('something_new') });
    const again = parse(body);
    expect(again.map((e) => e.type === 'unsupported' && e.eventId)).toEqual(events.map((e) => e.type === 'unsupported' && e.eventId));
    expect(new Set(events.map((e) => e.type === 'unsupported' && e.eventId)).size).toBe(4);
  });

  it('processes every entry and every messaging item, in order', () => {
    const raw = JSON.stringify({
      object: 'page',
      entry: [
        { id: 'P1', time: 1, messaging: [from('U1', { message: { mid: 'm1', text: '1' } }), from('U2', { message: { mid: 'm2', text: '2' } })] },
        { id: 'P2', time: 2, messaging: [from('U3', { message: { mid: 'm3', text: '3' } })] },
      ],
    });
    expect(parse(raw).map((e) => e.type === 'message' && e.externalMessageId)).toEqual(['m1', 'm2', 'm3']);
    expect(facebookAdapter.accountIds(raw)).toEqual(['P1', 'P2']);
  });

  it('standby events (another app owns the thread) are recorded with standby: true', () => {
    const raw = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: 1, standby: [from('U1', { message: { mid: 'm_s', text: 'hi' } })] }] });
    expect(parse(raw)[0]).toMatchObject({ type: 'message', externalMessageId: 'm_s', standby: true });
  });

  it('malformed JSON or shape → ok:false; a broken item in a batch does not cost the others', () => {
    expect(facebookAdapter.parseWebhook('{"object":"page",')).toMatchObject({ ok: false });
    expect(facebookAdapter.parseWebhook('{"object":"instagram","entry":[]}')).toMatchObject({ ok: false });
    expect(facebookAdapter.parseWebhook('[]')).toMatchObject({ ok: false });
    expect(facebookAdapter.accountIds('not json')).toEqual([]);
    const events = parse(page({ message: { mid: 'm_x', text: 'no sender' } }, from('U1', { message: { mid: 'm_ok', text: 'fine' } })));
    expect(events.map((e) => e.type)).toEqual(['unsupported', 'message']);
  });
});
