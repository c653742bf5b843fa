import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessMsBetween, isOpen, nextOpening } from './calendar';
import { businessHoursOf, businessHoursInput, readBusinessHoursSettings, type BusinessHours } from './schedule';

const H = 3_600_000;
const M = 60_000;

function hours(zone: string, days: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>, holidays: string[] = []): BusinessHours {
  const input = businessHoursInput.parse({
    enabled: true,
    days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days },
    holidays: holidays.map((date) => ({ date, name: 'Closed' })),
    awayMessage: '',
  });
  return businessHoursOf({ settings: { businessHours: input }, timezone: zone })!;
}

const weekdays = (periods: string[]) => ({ mon: periods, tue: periods, wed: periods, thu: periods, fri: periods });

describe('business time in Bangkok (UTC+7, no DST), open Mon–Fri 09:00-12:00 and 13:00-18:00', () => {
  const bkk = hours('Asia/Bangkok', weekdays(['13:00-18:00', '09:00-12:00']));
  // 2026-12-02 is a Wednesday. 10:00 Bangkok = 03:00Z.
  const wed10 = new Date('2026-12-02T03:00:00Z');

  it('counts a target set inside hours in open time', () => {
    expect(addBusinessTime(bkk, wed10, H)).toEqual(new Date('2026-12-02T04:00:00Z'));
  });

  it('skips the lunch break', () => {
    // 11:30 + 1 h = 30 min before lunch, 30 min after: 13:30.
    expect(addBusinessTime(bkk, new Date('2026-12-02T04:30:00Z'), H)).toEqual(new Date('2026-12-02T06:30:00Z'));
  });

  it('carries what is left past closing to the next working morning', () => {
    // Wed 17:00 + 2 h → 1 h today, 1 h from Thu 09:00 → Thu 10:00 (03:00Z).
    expect(addBusinessTime(bkk, new Date('2026-12-02T10:00:00Z'), 2 * H)).toEqual(new Date('2026-12-03T03:00:00Z'));
  });

  it('starts counting at the next opening when set outside hours, over the weekend', () => {
    // Fri 20:00 (13:00Z) + 30 min → Mon 09:30 (02:30Z).
    expect(addBusinessTime(bkk, new Date('2026-12-04T13:00:00Z'), 30 * M)).toEqual(new Date('2026-12-07T02:30:00Z'));
    expect(nextOpening(bkk, new Date('2026-12-04T13:00:00Z'))).toEqual(new Date('2026-12-07T02:00:00Z'));
  });

  it('knows when it is open', () => {
    expect(isOpen(bkk, wed10)).toBe(true);
    expect(isOpen(bkk, new Date('2026-12-02T05:30:00Z'))).toBe(false); // 12:30, lunch
    expect(isOpen(bkk, new Date('2026-12-02T02:00:00Z'))).toBe(true); // 09:00 sharp opens
    expect(isOpen(bkk, new Date('2026-12-02T11:00:00Z'))).toBe(false); // 18:00 sharp has closed
    expect(isOpen(bkk, new Date('2026-12-05T03:00:00Z'))).toBe(false); // Saturday
  });

  it('measures open time between two instants', () => {
    // Wed 10:00 → Thu 10:00: 2 + 5 (Wed) + 1 (Thu) = 8 h.
    expect(businessMsBetween(bkk, wed10, new Date('2026-12-03T03:00:00Z'))).toBe(8 * H);
    expect(businessMsBetween(bkk, new Date('2026-12-05T00:00:00Z'), new Date('2026-12-06T23:00:00Z'))).toBe(0);
    expect(businessMsBetween(bkk, wed10, wed10)).toBe(0);
  });
});

describe('holidays', () => {
  const shop = hours('Asia/Bangkok', weekdays(['09:00-18:00']), ['2026-12-31', '2027-01-01']);

  it('skips closed dates in the shop’s own calendar', () => {
    // Wed 30 Dec 17:00 + 2 h → 1 h that day, then Thu 31 and Fri 1 closed, weekend → Mon 4 Jan 10:00.
    expect(addBusinessTime(shop, new Date('2026-12-30T10:00:00Z'), 2 * H)).toEqual(new Date('2027-01-04T03:00:00Z'));
    expect(isOpen(shop, new Date('2026-12-31T03:00:00Z'))).toBe(false);
  });
});

describe('periods that meet at midnight', () => {
  const nights = hours('UTC', { mon: ['22:00-24:00'], tue: ['00:00-06:00'] });

  it('runs on across midnight', () => {
    // 2026-11-30 is a Monday: 23:00 + 3 h → Tue 02:00.
    expect(addBusinessTime(nights, new Date('2026-11-30T23:00:00Z'), 3 * H)).toEqual(new Date('2026-12-01T02:00:00Z'));
    expect(isOpen(nights, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(businessMsBetween(nights, new Date('2026-11-30T00:00:00Z'), new Date('2026-12-02T00:00:00Z'))).toBe(8 * H);
  });
});

describe('daylight saving time (Europe/Berlin)', () => {
  const allDay = hours('Europe/Berlin', { sun: ['00:00-24:00'], mon: ['09:00-17:00'] });

  it('a day the clocks go forward has 23 open hours', () => {
    // Sunday 29 March 2026: 02:00 → 03:00.
    expect(businessMsBetween(allDay, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'))).toBe(23 * H);
  });

  it('a day the clocks go back has 25 open hours', () => {
    // Sunday 25 October 2026: 03:00 → 02:00.
    expect(businessMsBetween(allDay, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'))).toBe(25 * H);
  });

  it('wall-clock opening times hold on both sides of the change', () => {
    // Monday 23 March 09:00 CET = 08:00Z; Monday 30 March 09:00 CEST = 07:00Z.
    expect(nextOpening(allDay, new Date('2026-03-23T05:00:00Z'))).toEqual(new Date('2026-03-23T08:00:00Z'));
    expect(nextOpening(allDay, new Date('2026-03-30T05:00:00Z'))).toEqual(new Date('2026-03-30T07:00:00Z'));
    // Sunday 29 March 01:30 CET + 1 h of open time lands at 03:30 CEST (01:30Z).
    expect(addBusinessTime(allDay, new Date('2026-03-29T00:30:00Z'), H)).toEqual(new Date('2026-03-29T01:30:00Z'));
  });
});

describe('a zone with a quarter-hour offset (Asia/Kathmandu, UTC+5:45)', () => {
  it('opens at the local hour', () => {
    const ktm = hours('Asia/Kathmandu', weekdays(['10:00-17:00']));
    expect(nextOpening(ktm, new Date('2026-12-02T00:00:00Z'))).toEqual(new Date('2026-12-02T04:15:00Z'));
  });
});

describe('always open and unset schedules', () => {
  it('count clock time', () => {
    const at = new Date('2026-12-05T03:00:00Z');
    expect(addBusinessTime(null, at, 2 * H)).toEqual(new Date('2026-12-05T05:00:00Z'));
    expect(businessMsBetween(null, at, new Date('2026-12-06T03:00:00Z'))).toBe(24 * H);
    expect(isOpen(null, at)).toBe(true);
  });

  it('a workspace that never saved hours, or turned them off, is always open', () => {
    expect(businessHoursOf({ settings: {}, timezone: 'Asia/Bangkok' })).toBeNull();
    const off = { ...readBusinessHoursSettings({}), enabled: false };
    expect(businessHoursOf({ settings: { businessHours: off }, timezone: 'UTC' })).toBeNull();
  });

  it('reads a schedule saved before it could be turned off as on', () => {
    const legacy = businessHoursOf({ settings: { businessHours: { days: { mon: ['09:00-18:00'] } } }, timezone: 'UTC' });
    expect(legacy?.week[0]).toEqual([{ from: 540, to: 1080 }]);
  });
});

describe('what an admin may save', () => {
  const base = { enabled: true, days: { mon: ['09:00-18:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], awayMessage: '' };

  it('refuses overlapping periods, impossible times and dates, repeats, and an empty week', () => {
    const messages = (value: unknown) => {
      const r = businessHoursInput.safeParse(value);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ ...base, days: { ...base.days, mon: ['09:00-13:00', '12:00-18:00'] } })).toEqual(['Monday: periods overlap']);
    expect(messages({ ...base, days: { ...base.days, tue: ['18:00-09:00'] } })).toEqual(['Tuesday: “18:00-09:00” is not a period like 09:00-18:00']);
    expect(messages({ ...base, days: { ...base.days, wed: ['25:00-26:00'] } })[0]).toMatch(/Wednesday/);
    expect(messages({ ...base, holidays: [{ date: '2026-02-30', name: '' }] })).toEqual(['Not a calendar date']);
    expect(messages({ ...base, holidays: [{ date: '2026-12-31', name: '' }, { date: '2026-12-31', name: 'x' }] })).toEqual(['2026-12-31 is listed twice']);
    expect(messages({ ...base, days: { ...base.days, mon: [] } })).toEqual(['Open at least one period a week, or turn business hours off']);
    expect(messages({ ...base, enabled: false, days: { ...base.days, mon: [] } })).toEqual([]);
  });

  it('stores periods in order and in one spelling', () => {
    const saved = businessHoursInput.parse({ ...base, days: { ...base.days, mon: [' 13:00-18:00', '09:00-12:00'] } });
    expect(saved.days.mon).toEqual(['09:00-12:00', '13:00-18:00']);
  });
});
