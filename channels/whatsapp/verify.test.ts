import { describe, expect, it } from 'vitest';
import { B2, flipByte } from '@/tests/support/channels/vectors';
import { whatsappAdapter } from '.';

const credentials = { appSecret: 'test_app_secret', accessToken: 't', verifyToken: 'wa-verify' };
const M2 = 'sha256=4058d7cef34401358793acf08709b11e50ff6ff1a2442eb2c1b34ce5f1ccd19a';
const headers = (value?: string) => new Headers(value === undefined ? {} : { 'x-hub-signature-256': value });

describe('WhatsApp signature and handshake', () => {
  it('accepts vector M2 on B2, refuses a missing/wrong signature and a changed byte', () => {
    expect(whatsappAdapter.verifySignature(Buffer.from(B2), headers(M2), credentials)).toBe(true);
    expect(whatsappAdapter.verifySignature(Buffer.from(B2), headers(), credentials)).toBe(false);
    expect(whatsappAdapter.verifySignature(Buffer.from(B2), headers(M2.toUpperCase()), credentials)).toBe(false);
    expect(whatsappAdapter.verifySignature(Buffer.from(B2), headers('sha256=' + '0'.repeat(64)), credentials)).toBe(false);
    expect(whatsappAdapter.verifySignature(flipByte(Buffer.from(B2), 50), headers(M2), credentials)).toBe(false);
  });

  it('handshake: right token → challenge, wrong → null', () => {
    const params = (token: string) => new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.challenge': 'abc123', 'hub.verify_token': token });
    expect(whatsappAdapter.verifyHandshake!(params('wa-verify'), credentials)).toBe('abc123');
    expect(whatsappAdapter.verifyHandshake!(params('wa-verify '), credentials)).toBeNull();
  });
});
