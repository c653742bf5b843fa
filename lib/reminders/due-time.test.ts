import { describe, expect, it } from 'vitest';
import { computeDueAt, DueTimeError, zonedParts, zonedTimeToUtc } from './due-time';

describe('computeDueAt', () => {
  // Wednesday 2026-11-18 17:30 UTC: already Thursday 00:30 in Bangkok (UTC+7).
  const now = new Date('2026-11-18T17:30:00Z');

  it('adds one or two hours', () => {
    expect(computeDueAt('1h', { now, timeZone: 'Asia/Bangkok' }).toISOString()).toBe('2026-11-18T18:30:00.000Z');
    expect(computeDueAt('2h', { now, timeZone: 'Asia/Bangkok' }).toISOString()).toBe('2026-11-18T19:30:00.000Z');
  });

  it('tomorrow is 9:00 on the next day in the workspace zone, not the server’s', () => {
    // Already Thursday the 19th in Bangkok: tomorrow is Friday the 20th, 9:00 +07 = 02:00 UTC.
    expect(computeDueAt('tomorrow', { now, timeZone: 'Asia/Bangkok' }).toISOString()).toBe('2026-11-20T02:00:00.000Z');
    // Still Wednesday in New York (UTC-5): tomorrow is Thursday 9:00 = 14:00 UTC.
    expect(computeDueAt('tomorrow', { now, timeZone: 'America/New_York' }).toISOString()).toBe('2026-11-19T14:00:00.000Z');
    expect(computeDueAt('tomorrow', { now, timeZone: 'UTC' }).toISOString()).toBe('2026-11-19T09:00:00.000Z');
  });

  it('next week is the coming Monday at 9:00, a full week ahead on a Monday', () => {
    expect(computeDueAt('next_week', { now, timeZone: 'UTC' }).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    const monday = new Date('2026-11-23T08:00:00Z');
    expect(computeDueAt('next_week', { now: monday, timeZone: 'UTC' }).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    const sunday = new Date('2026-11-22T20:00:00Z');
    expect(computeDueAt('next_week', { now: sunday, timeZone: 'UTC' }).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    // Sunday 20:00 UTC is already Monday 03:00 in Bangkok: the Monday after.
    expect(computeDueAt('next_week', { now: sunday, timeZone: 'Asia/Bangkok' }).toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });

  it('keeps 9:00 local across a daylight-saving change', () => {
    // Saturday 2026-03-07 in New York; DST starts Sunday the 8th; Monday the 9th is UTC-4.
    const saturday = new Date('2026-03-07T15:00:00Z');
    expect(computeDueAt('next_week', { now: saturday, timeZone: 'America/New_York' }).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('accepts a chosen time ahead, refuses one in the past or too far away', () => {
    const at = new Date('2026-11-19T10:15:00Z');
    expect(computeDueAt('custom', { now, timeZone: 'UTC', at })).toEqual(at);
    expect(() => computeDueAt('custom', { now, timeZone: 'UTC', at: new Date('2026-11-18T16:00:00Z') })).toThrow(DueTimeError);
    expect(() => computeDueAt('custom', { now, timeZone: 'UTC', at: new Date('2028-01-01T00:00:00Z') })).toThrow(DueTimeError);
    expect(() => computeDueAt('custom', { now, timeZone: 'UTC' })).toThrow('Choose a date and time.');
  });
});

describe('zoned time', () => {
  it('round-trips a wall-clock time', () => {
    const instant = zonedTimeToUtc({ year: 2026, month: 7, day: 1, hour: 9, minute: 30 }, 'Europe/London');
    expect(instant.toISOString()).toBe('2026-07-01T08:30:00.000Z');
    expect(zonedParts(instant, 'Europe/London')).toMatchObject({ hour: 9, minute: 30, weekday: 3 });
  });
});
