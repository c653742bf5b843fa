import { describe, expect, it } from 'vitest';
import { fakeFetch, jsonResponse, streamedResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { whatsappAdapter } from '.';

const credentials = { appSecret: 's', accessToken: 'WA_TOKEN', verifyToken: 'v' };
const api = { ...API, accountId: 'PN_1' };
const lookup = (extra: object = {}) =>
  jsonResponse(200, { url: 'https://lookaside.test/whatsapp_business/attachments/?mid=1', mime_type: 'image/jpeg', sha256: 'x', file_size: 8, id: 'MEDIA_1', messaging_product: 'whatsapp', ...extra });
const media = { kind: 'image' as const, mediaId: 'MEDIA_1', mimeType: 'image/jpeg' };

describe('WhatsApp media download', () => {
  it('two steps, with the Bearer token on both', async () => {
    const fake = fakeFetch(lookup(), new Response(Buffer.from('jpegdata'), { headers: { 'content-type': 'image/jpeg', 'content-length': '8' } }));
    const file = await whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: fake.fetch, maxBytes: 1000 });
    expect(file).toEqual({ data: Buffer.from('jpegdata'), mimeType: 'image/jpeg' });
    expect(fake.calls.map((c) => [c.method, c.url, c.headers.authorization])).toEqual([
      ['GET', 'https://graph.test/v21.0/MEDIA_1', 'Bearer WA_TOKEN'],
      ['GET', 'https://lookaside.test/whatsapp_business/attachments/?mid=1', 'Bearer WA_TOKEN'],
    ]);
  });

  it('refuses past maxBytes: by file_size, by Content-Length, and while streaming', async () => {
    const bySize = fakeFetch(lookup({ file_size: 5000 }));
    await expect(whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: bySize.fetch, maxBytes: 1000 })).rejects.toMatchObject({ code: 'too_large' });
    expect(bySize.calls).toHaveLength(1);

    const byHeader = fakeFetch(lookup({ file_size: undefined }), new Response(Buffer.alloc(10), { headers: { 'content-length': '5000' } }));
    await expect(whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: byHeader.fetch, maxBytes: 1000 })).rejects.toMatchObject({ code: 'too_large' });

    const streamed = fakeFetch(lookup({ file_size: undefined }), streamedResponse([Buffer.alloc(600), Buffer.alloc(600)]));
    await expect(whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: streamed.fetch, maxBytes: 1000 })).rejects.toThrow(/too large/i);

    const exact = fakeFetch(lookup({ file_size: undefined }), streamedResponse([Buffer.alloc(500), Buffer.alloc(500)]));
    const file = await whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: exact.fetch, maxBytes: 1000 });
    expect(file.data).toHaveLength(1000);
  });

  it('401 on either step is an auth error', async () => {
    const first = fakeFetch(jsonResponse(401, { error: { code: 190, message: 'expired' } }));
    await expect(whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: first.fetch, maxBytes: 10 })).rejects.toMatchObject({ code: 'auth', authError: true });
    const second = fakeFetch(lookup(), new Response('no', { status: 401 }));
    await expect(whatsappAdapter.downloadMedia!(media, credentials, api, { fetch: second.fetch, maxBytes: 10 })).rejects.toMatchObject({ code: 'auth' });
  });
});
