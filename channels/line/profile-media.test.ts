import { describe, expect, it } from 'vitest';
import { fakeFetch, jsonResponse, streamedResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { lineAdapter } from '.';

const credentials = { channelSecret: 's', channelAccessToken: 'LINE_TOKEN' };
const api = { ...API, accountId: 'UBOT' };

describe('LINE profile', () => {
  it('GET /v2/bot/profile/{userId} → displayName and pictureUrl', async () => {
    const fake = fakeFetch(jsonResponse(200, { displayName: 'Somchai', userId: 'U1', pictureUrl: 'https://profile.test/p.jpg', language: 'th' }));
    expect(await lineAdapter.fetchProfile!('U1', credentials, api, { fetch: fake.fetch })).toEqual({ name: 'Somchai', avatarUrl: 'https://profile.test/p.jpg', language: 'th' });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', url: 'https://line-api.test/v2/bot/profile/U1', headers: { authorization: 'Bearer LINE_TOKEN' } });
  });

  it('null when the user is not a friend (404)', async () => {
    const fake = fakeFetch(jsonResponse(404, { message: 'Not found' }));
    expect(await lineAdapter.fetchProfile!('U1', credentials, api, { fetch: fake.fetch })).toBeNull();
  });
});

describe('LINE content download', () => {
  it('GET {data}/v2/bot/message/{id}/content with Bearer', async () => {
    const fake = fakeFetch(new Response(Buffer.from('png!'), { headers: { 'content-type': 'image/png' } }));
    const file = await lineAdapter.downloadMedia!({ kind: 'image', mediaId: '4687' }, credentials, api, { fetch: fake.fetch, maxBytes: 100 });
    expect(file).toEqual({ data: Buffer.from('png!'), mimeType: 'image/png' });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', url: 'https://line-data.test/v2/bot/message/4687/content', headers: { authorization: 'Bearer LINE_TOKEN' } });
  });

  it('external content is fetched from its URL without the token', async () => {
    const fake = fakeFetch(new Response(Buffer.from('mp4'), { headers: { 'content-type': 'video/mp4' } }));
    await lineAdapter.downloadMedia!({ kind: 'video', url: 'https://ext.test/v.mp4' }, credentials, api, { fetch: fake.fetch, maxBytes: 100 });
    expect(fake.calls[0].url).toBe('https://ext.test/v.mp4');
    expect(fake.calls[0].headers.authorization).toBeUndefined();
  });

  it('maxBytes is enforced while streaming', async () => {
    const fake = fakeFetch(streamedResponse([Buffer.alloc(64), Buffer.alloc(64)]));
    await expect(lineAdapter.downloadMedia!({ kind: 'file', mediaId: '1' }, credentials, api, { fetch: fake.fetch, maxBytes: 100 })).rejects.toMatchObject({
      code: 'too_large',
    });
  });
});
