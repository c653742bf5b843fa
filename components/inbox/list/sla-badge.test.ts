import { describe, expect, it } from 'vitest';
import { shortDuration, slaState } from './sla-badge';

describe('SLA badge', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('is overdue at and after the due time, due soon within 15 minutes, else later', () => {
    expect(slaState(at(-5), now)).toBe('overdue');
    expect(slaState(at(0), now)).toBe('overdue');
    expect(slaState(at(15), now)).toBe('soon');
    expect(slaState(at(16), now)).toBe('later');
  });

  it('says how long in the largest whole unit', () => {
    expect(shortDuration(30_000)).toBe('now');
    expect(shortDuration(-12 * 60_000)).toBe('12m');
    expect(shortDuration(3 * 3_600_000 + 59 * 60_000)).toBe('3h');
    expect(shortDuration(50 * 3_600_000)).toBe('2d');
  });
});
