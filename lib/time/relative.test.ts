import { describe, expect, it } from 'vitest';
import { formatRelativeShort, msUntilNextChange } from './relative';

const now = new Date('2026-11-21T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('formatRelativeShort', () => {
  it('rounds down to the nearest minute, hour and day', () => {
    expect(formatRelativeShort(ago(30_000), now)).toBe('now');
    expect(formatRelativeShort(ago(5 * 60_000 + 59_000), now)).toBe('5m');
    expect(formatRelativeShort(ago(3 * 3_600_000 + 1), now)).toBe('3h');
    expect(formatRelativeShort(ago(2 * 86_400_000), now)).toBe('2d');
  });

  it('shows a date after a week, with the year only when it differs', () => {
    expect(formatRelativeShort(new Date('2026-10-02T12:00:00Z'), now)).toBe('2 Oct');
    expect(formatRelativeShort(new Date('2025-10-02T12:00:00Z'), now)).toBe('2 Oct 2025');
  });

  it('takes the date in the given time zone', () => {
    // 20:00 UTC on 2 October is already 3 October in Bangkok.
    expect(formatRelativeShort(new Date('2026-10-02T20:00:00Z'), now, 'Asia/Bangkok')).toBe('3 Oct');
    expect(formatRelativeShort(new Date('2026-10-02T20:00:00Z'), now, 'America/New_York')).toBe('2 Oct');
  });

  it('treats a clock skewed into the future as now', () => {
    expect(formatRelativeShort(new Date(now.getTime() + 5000), now)).toBe('now');
  });
});

describe('msUntilNextChange', () => {
  it('waits for the next whole minute or hour', () => {
    expect(msUntilNextChange(ago(5 * 60_000 + 20_000), now)).toBe(40_000);
    expect(msUntilNextChange(ago(2 * 3_600_000 + 60_000), now)).toBe(59 * 60_000);
  });
});
