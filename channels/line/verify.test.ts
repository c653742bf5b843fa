import { describe, expect, it } from 'vitest';
import { B3, flipByte } from '@/tests/support/channels/vectors';
import { lineAdapter } from '.';

const headers = (value?: string) => new Headers(value === undefined ? {} : { 'x-line-signature': value });
const L1 = 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=';
const L2 = 'PR6eLrEdzgVbVFRitl5UoZJaqA0vLTDxuXv21mBU4oM=';
const creds = (channelSecret: string) => ({ channelSecret, channelAccessToken: 'tok' });

describe('LINE signature', () => {
  it('L1 and L2 verify on the raw bytes', () => {
    expect(lineAdapter.verifySignature(Buffer.from('{"hello":"world"}'), headers(L1), creds('test_secret'))).toBe(true);
    expect(lineAdapter.verifySignature(Buffer.from(B3), headers(L2), creds('line_channel_secret'))).toBe(true);
  });

  it('refuses a missing header, the wrong secret, a changed byte, or a malformed signature', () => {
    const body = Buffer.from(B3);
    expect(lineAdapter.verifySignature(body, headers(), creds('line_channel_secret'))).toBe(false);
    expect(lineAdapter.verifySignature(body, headers(L2), creds('other'))).toBe(false);
    expect(lineAdapter.verifySignature(flipByte(body, 40), headers(L2), creds('line_channel_secret'))).toBe(false);
    expect(lineAdapter.verifySignature(body, headers(L2.replace('P', 'Q')), creds('line_channel_secret'))).toBe(false);
    expect(lineAdapter.verifySignature(body, headers(`${L2}!!`), creds('line_channel_secret'))).toBe(false);
    expect(lineAdapter.verifySignature(body, headers(L2.slice(0, -1)), creds('line_channel_secret'))).toBe(false);
    expect(lineAdapter.verifySignature(body, headers(L2), creds(''))).toBe(false);
  });
});
