import { describe, expect, it } from 'vitest';
import { MediaDownloadError } from '../shared/download';
import { fakeFetch, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { facebookAdapter } from '.';

const credentials = { appSecret: 's', pageAccessToken: 'tok', verifyToken: 'v' };
const api = { ...API, accountId: 'PAGE_1' };

describe('Messenger profile', () => {
  it('reads first/last name, profile_pic and locale from the Graph user node', async () => {
    const fake = fakeFetch(jsonResponse(200, { first_name: 'Kerry', last_name: 'Ng', profile_pic: 'https://cdn.test/k.jpg', locale: 'en_GB', id: 'PSID_1' }));
    const profile = await facebookAdapter.fetchProfile!('PSID_1', credentials, api, { fetch: fake.fetch });
    expect(fake.calls[0].method).toBe('GET');
    expect(fake.calls[0].url).toBe('https://graph.test/v21.0/PSID_1?fields=first_name,last_name,profile_pic,locale&access_token=tok');
    expect(profile).toEqual({ name: 'Kerry Ng', avatarUrl: 'https://cdn.test/k.jpg', language: 'en_GB' });
  });

  it('null when Meta refuses', async () => {
    const fake = fakeFetch(jsonResponse(400, { error: { message: 'nope', code: 100 } }));
    expect(await facebookAdapter.fetchProfile!('PSID_1', credentials, api, { fetch: fake.fetch })).toBeNull();
  });
});

describe('Messenger attachment download', () => {
  it('GETs the CDN URL without the page token', async () => {
    const fake = fakeFetch(new Response(Buffer.from('jpegdata'), { headers: { 'content-type': 'image/jpeg' } }));
    const file = await facebookAdapter.downloadMedia!({ kind: 'image', url: 'https://cdn.test/a.jpg' }, credentials, api, { fetch: fake.fetch, maxBytes: 100 });
    expect(file).toEqual({ data: Buffer.from('jpegdata'), mimeType: 'image/jpeg' });
    expect(fake.calls[0].url).toBe('https://cdn.test/a.jpg');
    expect(JSON.stringify(fake.calls[0])).not.toContain('tok');
  });

  it('refuses more than maxBytes', async () => {
    const fake = fakeFetch(new Response(Buffer.alloc(200)));
    await expect(
      facebookAdapter.downloadMedia!({ kind: 'image', url: 'https://cdn.test/a.jpg' }, credentials, api, { fetch: fake.fetch, maxBytes: 100 }),
    ).rejects.toMatchObject({ code: 'too_large' });
    await expect(facebookAdapter.downloadMedia!({ kind: 'image' }, credentials, api, { maxBytes: 1 })).rejects.toBeInstanceOf(MediaDownloadError);
  });
});
