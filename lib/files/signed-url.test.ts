import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-links';
import { checkFileLinkSignature, fileLinkSignature, ownFileId, signedFileUrl } from './signed-url';

const secret = 'test-auth-secret-0123456789abcdef';
const fileId = '3f1e2d4c-5b6a-4789-8abc-0123456789ab';
const now = new Date('2025-01-01T00:00:00Z');

function parts(url: string) {
  const u = new URL(url);
  return { path: u.pathname, origin: u.origin, exp: u.searchParams.get('exp'), sig: u.searchParams.get('sig') };
}

describe('signed file links', () => {
  it('builds an absolute link on the public origin that verifies until it expires', () => {
    const url = signedFileUrl(fileId, { origin: 'https://inbox.shop.example/some/path', now, ttlSeconds: 3600, secret });
    const p = parts(url);
    expect(p.origin).toBe('https://inbox.shop.example');
    expect(p.path).toBe(`/api/files/${fileId}`);
    expect(Number(p.exp)).toBe(now.getTime() / 1000 + 3600);
    expect(checkFileLinkSignature(secret, fileId, p.exp, p.sig, now)).toEqual({ ok: true });
    expect(checkFileLinkSignature(secret, fileId, p.exp, p.sig, new Date(now.getTime() + 3599_000))).toEqual({ ok: true });
    expect(checkFileLinkSignature(secret, fileId, p.exp, p.sig, new Date(now.getTime() + 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a link for another file, another secret, a moved expiry or a tampered signature', () => {
    const p = parts(signedFileUrl(fileId, { origin: 'https://a.example', now, ttlSeconds: 60, secret }));
    const other = '00000000-0000-4000-8000-000000000000';
    expect(checkFileLinkSignature(secret, other, p.exp, p.sig, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkFileLinkSignature('another-secret', fileId, p.exp, p.sig, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkFileLinkSignature(secret, fileId, String(Number(p.exp) + 86400), p.sig, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = (p.sig![0] === 'A' ? 'B' : 'A') + p.sig!.slice(1);
    expect(checkFileLinkSignature(secret, fileId, p.exp, flipped, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('tells a missing signature from a malformed one', () => {
    expect(checkFileLinkSignature(secret, fileId, null, null, now)).toEqual({ ok: false, reason: 'missing' });
    expect(checkFileLinkSignature(secret, fileId, '123', null, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkFileLinkSignature(secret, fileId, '12x', 'a'.repeat(43), now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkFileLinkSignature(secret, fileId, '123', 'short', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkFileLinkSignature(secret, 'not-a-uuid', '123', 'a'.repeat(43), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('signs the lower-cased id, so case does not change the signature', () => {
    expect(fileLinkSignature(secret, fileId.toUpperCase(), 1)).toBe(fileLinkSignature(secret, fileId, 1));
  });

  it('recognises links to our own stored files', () => {
    expect(ownFileId(`/api/files/${fileId}`)).toBe(fileId);
    expect(ownFileId(`https://inbox.example/api/files/${fileId.toUpperCase()}?exp=1&sig=x`)).toBe(fileId);
    expect(ownFileId('https://cdn.example/p/1.jpg')).toBeNull();
    expect(ownFileId(`/api/files/${fileId}/../x`)).toBeNull();
    expect(ownFileId(null)).toBeNull();
  });
});

describe('formatFileSize', () => {
  it('formats sizes for people', () => {
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(830 * 1024)).toBe('830 KB');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
    expect(formatFileSize(24 * 1024 * 1024)).toBe('24 MB');
    expect(formatFileSize(null)).toBeNull();
  });
});
