import { describe, expect, it } from 'vitest';
import { slaBadgeState } from '@/lib/sla/badge';
import { shortDuration, slaBadgeText } from './sla-badge';

describe('SLA badge', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('turns amber with a quarter of the target’s time left and red once breached', () => {
    // A 60-minute target started 40 minutes ago: 20 left (a third) is fine, 15 left is amber.
    expect(slaBadgeState(at(20), at(-40), now)).toBe('ok');
    expect(slaBadgeState(at(15), at(-45), now)).toBe('warning');
    expect(slaBadgeState(at(0), at(-60), now)).toBe('breached');
    expect(slaBadgeState(at(-5), at(-65), now)).toBe('breached');
    // A 4-hour target with 50 minutes left is still fine; a 2-hour one is amber at 30.
    expect(slaBadgeState(at(50), at(-190), now)).toBe('warning');
    expect(slaBadgeState(at(61), at(-179), now)).toBe('ok');
  });

  it('says what is due and when', () => {
    expect(slaBadgeText({ dueAt: at(12).toISOString(), kind: 'first_response', startedAt: null }, now)).toBe('Reply in 12m');
    expect(slaBadgeText({ dueAt: at(180).toISOString(), kind: 'resolution', startedAt: null }, now)).toBe('Resolve in 3h');
    expect(slaBadgeText({ dueAt: at(-5).toISOString(), kind: 'next_response', startedAt: null }, now)).toBe('Reply overdue 5m');
    expect(slaBadgeText({ dueAt: at(0.5).toISOString(), kind: 'next_response', startedAt: null }, now)).toBe('Reply now');
  });

  it('says how long in the largest whole unit', () => {
    expect(shortDuration(30_000)).toBe('now');
    expect(shortDuration(-12 * 60_000)).toBe('12m');
    expect(shortDuration(3 * 3_600_000 + 59 * 60_000)).toBe('3h');
    expect(shortDuration(50 * 3_600_000)).toBe('2d');
  });
});
