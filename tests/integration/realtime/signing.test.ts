import PusherServer from 'pusher';
import { describe, expect, it } from 'vitest';
import {
  apiRequestSignature,
  apiStringToSign,
  channelAuthToken,
  md5Hex,
  parseQueryString,
  userAuthToken,
  verifyApiRequest,
  verifyChannelAuth,
} from '../../../realtime-server/signing';

// Test vectors of the Pusher protocol's signatures
const P1_APP = { key: '278d425bdf160c739803', secret: '7ad3773142a6692b25b8' };
const P4_BODY = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';

describe('signing helpers reproduce the protocol test vectors', () => {
  it('P1: private channel auth', () => {
    expect(channelAuthToken(P1_APP, '1234.1234', 'private-foobar')).toBe(
      '278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4',
    );
  });

  it('P2: presence channel auth signs channel_data as the exact string', () => {
    const channelData = '{"user_id":10,"user_info":{"name":"Mr. Channels"}}';
    const expected =
      '278d425bdf160c739803:31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80';
    expect(channelAuthToken(P1_APP, '1234.1234', 'presence-foobar', channelData)).toBe(expected);
    expect(verifyChannelAuth(P1_APP, '1234.1234', 'presence-foobar', expected, channelData)).toBe(true);
    // Same JSON with different spacing is a different string, so a different signature.
    const respaced = '{"user_id": 10, "user_info": {"name": "Mr. Channels"}}';
    expect(verifyChannelAuth(P1_APP, '1234.1234', 'presence-foobar', expected, respaced)).toBe(false);
  });

  it('P3: user sign-in', () => {
    expect(userAuthToken({ key: '1234', secret: 'tofu' }, '123.456', '{"id":"45678"}')).toBe(
      '1234:f4b1fdeea7c93e32648c7230e32b172057c5623cace6cfce791c6e7035e0babd',
    );
  });

  it('P4: HTTP API request signature (Pusher docs example)', () => {
    expect(md5Hex(P4_BODY)).toBe('ec365a775a4cd0599faeb73354201b6f');
    const params = {
      auth_key: P1_APP.key,
      auth_timestamp: '1353088179',
      auth_version: '1.0',
      body_md5: 'ec365a775a4cd0599faeb73354201b6f',
    };
    expect(apiStringToSign('POST', '/apps/3/events', params)).toBe(
      'POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f',
    );
    const signature = apiRequestSignature(P1_APP.secret, 'POST', '/apps/3/events', params);
    expect(signature).toBe('da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c');

    const query = { ...params, auth_signature: signature };
    const request = { method: 'POST', path: '/apps/3/events', query, body: Buffer.from(P4_BODY) };
    expect(verifyApiRequest(P1_APP, { ...request, nowSeconds: 1353088179 + 599 })).toEqual({ ok: true });
    // The 600 s window (Pusher rule) applies both ways.
    expect(verifyApiRequest(P1_APP, { ...request, nowSeconds: 1353088179 + 601 }).ok).toBe(false);
    expect(verifyApiRequest(P1_APP, { ...request, nowSeconds: 1353088179 - 601 }).ok).toBe(false);
    // A body changed in transit no longer matches body_md5.
    const tampered = { ...request, body: Buffer.from(P4_BODY.replace('foo', 'bar')) };
    expect(verifyApiRequest(P1_APP, { ...tampered, nowSeconds: 1353088179 }).ok).toBe(false);
  });

  it('P5: same request with key "key" and secret "secret"', () => {
    const params = {
      auth_key: 'key',
      auth_timestamp: '1353088179',
      auth_version: '1.0',
      body_md5: 'ec365a775a4cd0599faeb73354201b6f',
    };
    expect(apiRequestSignature('secret', 'POST', '/apps/3/events', params)).toBe(
      '3695357e49aa04ae6f3cd76039dcefd82da079d0564bac566033d48ebae75459',
    );
  });

  it('P6: GET with extra query parameters, sorted into the signed string', () => {
    const params = {
      info: 'user_count',
      filter_by_prefix: 'presence-',
      auth_version: '1.0',
      auth_timestamp: '1427034994',
      auth_key: 'key',
    };
    expect(apiRequestSignature('secret', 'GET', '/apps/102015/channels', params)).toBe(
      '0ba82990cff5311f09d88d8c9317d1ceb1b2e085c01deb65618f4eaea1624d89',
    );
  });

  it('P7: body md5', () => {
    expect(md5Hex('{"name":"my_event","data":"{\\"some\\":\\"data \\"}","channels":["one"]}')).toBe(
      'e95168baf497b2e54b2c6cadd41a6a3f',
    );
  });

  it('accepts what the official server SDK signs, and only with the right secret', () => {
    const app = { key: 'k', secret: 's' };
    const body = '{"name":"a","channels":["c"],"data":"{}"}';
    for (const [secret, ok] of [
      ['s', true],
      ['wrong', false],
    ] as const) {
      const sdk = new PusherServer({ appId: '1', key: 'k', secret, host: 'x' });
      const qs = sdk.createSignedQueryString({
        method: 'POST',
        path: '/apps/1/events',
        params: { info: 'user_count,subscription_count' },
        body,
      });
      const result = verifyApiRequest(app, {
        method: 'POST',
        path: '/apps/1/events',
        query: parseQueryString(qs),
        body: Buffer.from(body),
      });
      expect(result.ok).toBe(ok);
    }
  });
});
