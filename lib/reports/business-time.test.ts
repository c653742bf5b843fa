import { describe, expect, it } from 'vitest';
import { businessMsBetween } from '@/lib/business-hours/calendar';
import { businessHoursOf } from '@/lib/business-hours/schedule';
import { businessDurations } from './business-time';

const hours = businessHoursOf({
  timezone: 'Europe/Berlin',
  settings: {
    businessHours: {
      enabled: true,
      days: { mon: ['09:00-12:00', '13:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-17:00'], sat: ['10:00-14:00'], sun: [] },
      holidays: [{ date: '2026-03-30', name: 'Closed' }],
    },
  },
})!;

describe('businessDurations', () => {
  it('counts what businessMsBetween counts, across nights, weekends, a holiday and a DST change', () => {
    const base = Date.parse('2026-03-20T00:00:00Z');
    const pairs = Array.from({ length: 300 }, (_, i) => {
      const start = base + ((i * 7_919_000) % (14 * 86_400_000));
      return { start: new Date(start), end: new Date(start + ((i * 3_301_000) % (5 * 86_400_000))) };
    });
    expect(businessDurations(hours, pairs)).toEqual(pairs.map((p) => businessMsBetween(hours, p.start, p.end)));
  });
});
