import { describe, expect, it } from 'vitest';
import { computeIdentityHash, renderForWidget, signVisitorToken, verifyIdentityHash, verifyVisitorToken, VISITOR_TOKEN_TTL_SECONDS, webChannel } from '.';

const W1 = '29720e25381e8d6cb2a9b375d10ec0cc2c0beacc9ab5f4f43a40595c44f5ed1a';

describe('widget identity hash (protocols §6)', () => {
  it('W1: hex HMAC-SHA256(key = hmac token, msg = identifier)', () => {
    expect(computeIdentityHash('user-42', 'widget-hmac-token')).toBe(W1);
    expect(verifyIdentityHash('user-42', W1, 'widget-hmac-token')).toBe(true);
  });

  it('refuses another identifier, another key, a changed or missing hash', () => {
    expect(verifyIdentityHash('user-43', W1, 'widget-hmac-token')).toBe(false);
    expect(verifyIdentityHash('user-42', W1, 'other-token')).toBe(false);
    expect(verifyIdentityHash('user-42', W1.replace(/^2/, '3'), 'widget-hmac-token')).toBe(false);
    expect(verifyIdentityHash('user-42', '', 'widget-hmac-token')).toBe(false);
    expect(verifyIdentityHash('user-42', W1, '')).toBe(false);
  });
});

describe('visitor tokens', () => {
  const secret = 'visitor-secret';
  const now = new Date('2025-01-01T00:00:00Z');
  const iat = now.getTime() / 1000;

  it('round-trips, defaulting to 180 days', () => {
    const token = signVisitorToken({ channelId: 'ch_1', visitorId: 'v_1', iat }, secret);
    expect(token.split('.')).toHaveLength(3);
    const result = verifyVisitorToken(token, secret, now);
    expect(result).toEqual({ ok: true, claims: { channelId: 'ch_1', visitorId: 'v_1', iat, exp: iat + 180 * 86400 } });
    expect(VISITOR_TOKEN_TTL_SECONDS).toBe(180 * 86400);
  });

  it('expires at exp', () => {
    const token = signVisitorToken({ channelId: 'c', visitorId: 'v', iat, exp: iat + 60 }, secret);
    expect(verifyVisitorToken(token, secret, new Date(now.getTime() + 59_000)).ok).toBe(true);
    expect(verifyVisitorToken(token, secret, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a wrong secret, a tampered payload, alg none, and garbage', () => {
    const token = signVisitorToken({ channelId: 'c', visitorId: 'v', iat }, secret);
    expect(verifyVisitorToken(token, 'other', now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), visitorId: 'someone-else' })).toString('base64url');
    expect(verifyVisitorToken(`${h}.${forged}.${s}`, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyVisitorToken(`${none}.${p}.${s}`, secret, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyVisitorToken(`${h}.${p}.`, secret, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyVisitorToken('not-a-token', secret, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(() => signVisitorToken({ channelId: 'c', visitorId: 'v' }, '')).toThrow();
  });
});

describe('renderForWidget', () => {
  it('text with quick replies and buttons', () => {
    expect(
      renderForWidget({ kind: 'text', text: 'Hi', quickReplies: [{ title: 'Yes', payload: 'Y' }], buttons: [{ title: 'Shop', url: 'https://shop.test' }, { title: 'Agent', payload: 'H' }] }),
    ).toEqual({
      ok: true,
      message: {
        type: 'text',
        text: 'Hi',
        quickReplies: [{ title: 'Yes', payload: 'Y' }],
        buttons: [
          { type: 'link', title: 'Shop', url: 'https://shop.test' },
          { type: 'postback', title: 'Agent', payload: 'H' },
        ],
      },
    });
  });

  it('media, location with a map link, contact, product', () => {
    expect(renderForWidget({ kind: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'New' })).toEqual({
      ok: true,
      message: { type: 'media', mediaKind: 'image', url: 'https://cdn.test/a.jpg', caption: 'New' },
    });
    expect(renderForWidget({ kind: 'location', latitude: 1.5, longitude: 2.5, name: 'Shop' })).toEqual({
      ok: true,
      message: { type: 'location', latitude: 1.5, longitude: 2.5, name: 'Shop', mapUrl: 'https://www.google.com/maps/search/?api=1&query=1.5,2.5' },
    });
    const contact = { name: 'Jane', phones: ['+1'] };
    expect(renderForWidget({ kind: 'contact', contact })).toEqual({ ok: true, message: { type: 'contact', contact } });
    const product = { name: 'Tote', price: '฿1,290', imageUrl: 'https://cdn.test/t.jpg', url: 'https://shop.test/t', buyPayload: 'BUY' };
    expect(renderForWidget({ kind: 'product', product })).toEqual({ ok: true, message: { type: 'product', product } });
  });

  it('refuses templates and non-http(s) URLs that would run in the shop page', () => {
    expect(renderForWidget({ kind: 'template', name: 't', language: 'en', parameters: [] }).ok).toBe(false);
    expect(renderForWidget({ kind: 'media', mediaKind: 'file', url: 'javascript:alert(1)' }).ok).toBe(false);
    expect(renderForWidget({ kind: 'text', text: 'x', buttons: [{ title: 'x', url: 'javascript:alert(1)' }] }).ok).toBe(false);
    expect(renderForWidget({ kind: 'product', product: { name: 'x', url: 'data:text/html,hi' } }).ok).toBe(false);
  });

  it('reply window is always open', () => {
    expect(webChannel.replyWindow(null, new Date())).toEqual({ state: 'open', closesAt: null });
  });
});
