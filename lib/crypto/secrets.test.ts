import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptJson, decryptSecret, encryptJson, encryptSecret } from './secrets';

const key = randomBytes(32).toString('base64');

describe('channel secret encryption', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = encryptSecret('page-access-token-123', key);
    expect(sealed).not.toContain('page-access-token-123');
    expect(decryptSecret(sealed, key)).toBe('page-access-token-123');
    expect(decryptJson(encryptJson({ appSecret: 's' }, key), key)).toEqual({ appSecret: 's' });
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('refuses a tampered ciphertext or the wrong key', () => {
    const sealed = encryptSecret('secret', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32).toString('base64'))).toThrow();
  });
});
