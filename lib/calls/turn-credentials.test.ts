import { describe, expect, it } from 'vitest';
import { TURN_CREDENTIAL_TTL_S, turnCredentials } from './turn-credentials';

describe('time-limited TURN credentials (coturn use-auth-secret)', () => {
  it('names the expiry and the subject, signed with the shared secret', () => {
    // Reference value from `printf '%s' '1767225600:call-1' | openssl dgst -sha1 -hmac 'north-wind' -binary | base64`.
    const now = new Date((1767225600 - TURN_CREDENTIAL_TTL_S) * 1000);
    expect(turnCredentials('north-wind', 'call-1', now)).toEqual({ username: '1767225600:call-1', credential: 'HFbdjoMjFUcjoNjkjgDyP819SQQ=' });
  });

  it('expires TTL after it is made, and differs per subject and per secret', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const a = turnCredentials('north-wind', 'call-1', now, 600);
    expect(Number(a.username.split(':')[0])).toBe(now.getTime() / 1000 + 600);
    expect(turnCredentials('north-wind', 'call-2', now, 600).credential).not.toBe(a.credential);
    expect(turnCredentials('south-wind', 'call-1', now, 600).credential).not.toBe(a.credential);
  });
});
