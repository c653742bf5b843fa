import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePlatforms, type FakePlatforms } from '../../../fake-platforms';
import { bearer, postJson } from './helpers';

let fakes: FakePlatforms;
beforeAll(async () => {
  fakes = await startFakePlatforms({
    meta: { pages: [{ pageId: 'P1', accessToken: 'pt' }], whatsappNumbers: [{ phoneNumberId: '111', accessToken: 'wt' }] },
    line: { bots: [{ channelAccessToken: 'lt', botUserId: 'U0123456789abcdef0123456789abcdef' }] },
  });
});
afterAll(() => fakes.close());

describe('startFakePlatforms', () => {
  it('starts both fakes and hands out ApiEndpoints for the adapters', async () => {
    const { graphUrl, lineApiUrl, lineDataUrl } = fakes.endpoints;
    expect(graphUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v21\.0$/);
    expect(lineApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(lineDataUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data$/);

    const fb = await postJson(`${graphUrl}/me/messages?access_token=pt`, { recipient: { id: 'U' }, messaging_type: 'RESPONSE', message: { text: 'a' } });
    const wa = await postJson(`${graphUrl}/111/messages`, { messaging_product: 'whatsapp', to: '66812345678', type: 'text', text: { body: 'b' } }, bearer('wt'));
    const line = await postJson(`${lineApiUrl}/v2/bot/message/push`, { to: 'U0123456789abcdef0123456789abcdef', messages: [{ type: 'text', text: 'c' }] }, bearer('lt'));
    expect([fb.status, wa.status, line.status]).toEqual([200, 200, 200]);
    expect(fakes.meta.sent.map((s) => s.platform)).toEqual(['facebook', 'whatsapp']);
    expect(fakes.line.sent).toHaveLength(1);

    fakes.reset();
    expect(fakes.meta.sent).toHaveLength(0);
    expect(fakes.meta.requests).toHaveLength(0);
    expect(fakes.line.sent).toHaveLength(0);
  });

  it('close() stops both servers', async () => {
    const other = await startFakePlatforms();
    const url = other.endpoints.graphUrl;
    await other.close();
    await expect(fetch(`${url}/me`)).rejects.toThrow();
  });
});
