import { describe, expect, it } from 'vitest';
import { formatMajorAmount, formatMoney, minorPerMajor } from './money';

describe('formatMoney', () => {
  it('uses two decimals for cent currencies', () => {
    expect(formatMoney(129000, 'THB')).toBe('฿1,290.00');
    expect(formatMoney(1250, 'USD')).toBe('$12.50');
  });

  it('uses no decimals for yen and won: the stored amount is already whole units', () => {
    expect(formatMoney(1290, 'JPY')).toBe('¥1,290');
    expect(formatMoney(45000, 'KRW')).toBe('₩45,000');
  });

  it('uses three decimals for dinars: a thousand fils make one', () => {
    expect(formatMoney(1250, 'BHD')).toBe('BHD 1.250');
    expect(formatMoney(12345, 'KWD')).toBe('KWD 12.345');
  });

  it('falls back to two decimals and the code for a code Intl rejects', () => {
    expect(formatMoney(1250, 'not-a-code')).toBe('12.50 not-a-code');
  });
});

describe('formatMajorAmount', () => {
  it('formats major units in the currency’s decimals', () => {
    expect(formatMajorAmount(590, 'THB')).toBe('฿590.00');
    expect(formatMajorAmount(1290, 'JPY')).toBe('¥1,290');
    expect(formatMajorAmount(1.235, 'BHD')).toBe('BHD 1.235');
    expect(formatMajorAmount(1, 'not-a-code')).toBeNull();
    expect(formatMajorAmount(1, undefined)).toBeNull();
  });
});

describe('minorPerMajor', () => {
  it('follows the currency’s decimals', () => {
    expect([minorPerMajor('USD'), minorPerMajor('JPY'), minorPerMajor('KRW'), minorPerMajor('BHD'), minorPerMajor('KWD')]).toEqual([100, 1, 1, 1000, 1000]);
  });
});
