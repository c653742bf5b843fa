import { describe, expect, it } from 'vitest';
import { B1, flipByte } from '@/tests/support/channels/vectors';
import { facebookAdapter } from '.';

const credentials = { appSecret: 'test_app_secret', pageAccessToken: 'page-token', verifyToken: 'my-verify-token' };
const M1 = 'sha256=71faf239f0f86b907318c0729704f0b2c372f3a00220fc39ad26845aac9cc056';
const headers = (value?: string) => new Headers(value === undefined ? {} : { 'X-Hub-Signature-256': value });

describe('Messenger signature (X-Hub-Signature-256)', () => {
  it('accepts vector M1 on the raw bytes of B1', () => {
    expect(facebookAdapter.verifySignature(Buffer.from(B1), headers(M1), credentials)).toBe(true);
  });

  it('refuses a missing header, a wrong secret, a wrong or truncated digest, a missing prefix', () => {
    const body = Buffer.from(B1);
    expect(facebookAdapter.verifySignature(body, headers(), credentials)).toBe(false);
    expect(facebookAdapter.verifySignature(body, headers(M1), { ...credentials, appSecret: 'other' })).toBe(false);
    expect(facebookAdapter.verifySignature(body, headers(M1.replace(/.$/, '7')), credentials)).toBe(false);
    expect(facebookAdapter.verifySignature(body, headers(M1.slice(0, -2)), credentials)).toBe(false);
    expect(facebookAdapter.verifySignature(body, headers(M1.slice('sha256='.length)), credentials)).toBe(false);
    expect(facebookAdapter.verifySignature(body, headers(M1), { ...credentials, appSecret: '' })).toBe(false);
  });

  it('refuses the body with one byte changed', () => {
    expect(facebookAdapter.verifySignature(flipByte(Buffer.from(B1)), headers(M1), credentials)).toBe(false);
  });

  it('M3: Meta\'s escaped body and its unescaped twin differ, and only the raw bytes verify', () => {
    const secret = { ...credentials, appSecret: 'test_app_secret' };
    const unescaped = Buffer.from('{"t":"ä"}', 'utf8');
    const escaped = Buffer.from('{"t":"\\u00e4"}', 'utf8');
    expect(escaped.length).toBe(14);
    const sigEscaped = 'sha256=50daf52e6a4c373be5927cf97fa1da300f00e8b4050de7aedeffdce3e532ab1a';
    const sigUnescaped = 'sha256=06fa411aed765ad4d417fb5f4e739b523235ab8ddf97c74c12dd6dc6cb93130d';
    expect(facebookAdapter.verifySignature(escaped, headers(sigEscaped), secret)).toBe(true);
    expect(facebookAdapter.verifySignature(unescaped, headers(sigUnescaped), secret)).toBe(true);
    // Re-serialising the parsed JSON yields the unescaped form, which Meta did not sign.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(escaped.toString('utf8'))), 'utf8');
    expect(reserialised.equals(unescaped)).toBe(true);
    expect(facebookAdapter.verifySignature(reserialised, headers(sigEscaped), secret)).toBe(false);
  });
});

describe('Meta verification handshake', () => {
  const params = (token: string, mode = 'subscribe') =>
    new URLSearchParams({ 'hub.mode': mode, 'hub.challenge': '1158201444', 'hub.verify_token': token });

  it('returns the challenge byte for byte for the right token', () => {
    expect(facebookAdapter.verifyHandshake!(params('my-verify-token'), credentials)).toBe('1158201444');
  });

  it('returns null for a wrong token, another mode, a missing token, or an unconfigured one', () => {
    expect(facebookAdapter.verifyHandshake!(params('wrong'), credentials)).toBeNull();
    expect(facebookAdapter.verifyHandshake!(params('my-verify-token', 'unsubscribe'), credentials)).toBeNull();
    expect(facebookAdapter.verifyHandshake!(new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.challenge': '1' }), credentials)).toBeNull();
    expect(facebookAdapter.verifyHandshake!(params(''), { ...credentials, verifyToken: '' })).toBeNull();
  });
});
