import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  formatOffset,
  isoWithOffset,
  isoWithOffsetIn,
  isTimeZone,
  listTimeZones,
  offsetMinutes,
  pickTimeZone,
  sameDayInZone,
  zonedInputToIso,
  zonedInputValue,
  zoneLabel,
} from './format';

// Saturday 2 May 2026, 04:00:05.250 UTC: 11:00 in Bangkok, 00:00 in New York, 16:00 in Auckland.
const order = new Date('2026-05-02T04:00:05.250Z');

describe('isTimeZone / pickTimeZone', () => {
  it('knows IANA zones and UTC, and refuses anything else', () => {
    expect(isTimeZone('Asia/Bangkok')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(null)).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it('picks the first real zone, else UTC', () => {
    expect(pickTimeZone(null, 'Nope/Nowhere', 'Europe/Berlin', 'Asia/Tokyo')).toBe('Europe/Berlin');
    expect(pickTimeZone(undefined, '')).toBe('UTC');
  });

  it('lists UTC first and once, then the runtime’s zones', () => {
    const zones = listTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones).toContain('Asia/Bangkok');
    expect(zones).toContain('America/New_York');
  });

  it('lists zones by their current names, which the runtime accepts', () => {
    const zones = listTimeZones();
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones.every(isTimeZone)).toBe(true);
  });
});

describe('formatInZone', () => {
  it('shows the same instant as each zone’s wall clock', () => {
    expect(formatInZone(order, 'Asia/Bangkok')).toBe('2 May 2026, 11:00');
    expect(formatInZone(order, 'America/New_York')).toBe('2 May 2026, 00:00');
    expect(formatInZone(order, 'UTC')).toBe('2 May 2026, 04:00');
    // Across the date line the day changes too.
    expect(formatInZone(order, 'Pacific/Honolulu')).toBe('1 May 2026, 18:00');
  });

  it('takes ISO strings and numbers as well as dates', () => {
    expect(formatInZone(order.toISOString(), 'Asia/Bangkok', 'time')).toBe('11:00');
    expect(formatInZone(order.getTime(), 'Asia/Bangkok', 'date')).toBe('2 May 2026');
    expect(formatInZone('not a date', 'Asia/Bangkok')).toBe('');
  });

  it('has a full form with weekday, seconds and the offset', () => {
    expect(formatInZone(order, 'Asia/Bangkok', 'full')).toBe('Sat 2 May 2026, 11:00:05 GMT+07:00');
    expect(formatInZone(order, 'Asia/Kathmandu', 'full')).toBe('Sat 2 May 2026, 09:45:05 GMT+05:45');
    expect(formatInZone(order, 'America/New_York', 'full')).toBe('Sat 2 May 2026, 00:00:05 GMT-04:00');
  });

  it('compact: the time today, the day this year, the year otherwise, in that zone', () => {
    const sameEvening = new Date('2026-05-02T12:00:00Z'); // 19:00 in Bangkok, same day
    expect(formatInZone(order, 'Asia/Bangkok', 'compact', sameEvening)).toBe('11:00');
    // 20:00 UTC is already 3 May in Bangkok, still 2 May in New York.
    const late = new Date('2026-05-02T20:00:00Z');
    expect(formatInZone(order, 'Asia/Bangkok', 'compact', late)).toBe('2 May, 11:00');
    expect(formatInZone(order, 'America/New_York', 'compact', late)).toBe('00:00');
    expect(formatInZone(order, 'Asia/Bangkok', 'compact', new Date('2027-01-10T00:00:00Z'))).toBe('2 May 2026, 11:00');
  });

  it('day: day and month this year, with the year otherwise', () => {
    expect(formatInZone(order, 'Asia/Bangkok', 'day', new Date('2026-12-01T00:00:00Z'))).toBe('2 May');
    expect(formatInZone(order, 'Asia/Bangkok', 'day', new Date('2027-12-01T00:00:00Z'))).toBe('2 May 2026');
  });

  it('uses the zone’s offset on each date (daylight saving)', () => {
    expect(formatInZone(new Date('2026-01-15T12:00:00Z'), 'Europe/London')).toBe('15 Jan 2026, 12:00');
    expect(formatInZone(new Date('2026-07-15T12:00:00Z'), 'Europe/London')).toBe('15 Jul 2026, 13:00');
  });
});

describe('offsets and ISO 8601', () => {
  it('formats offsets with sign, hours and minutes', () => {
    expect(formatOffset(420)).toBe('+07:00');
    expect(formatOffset(-240)).toBe('-04:00');
    expect(formatOffset(345)).toBe('+05:45');
    expect(formatOffset(-570)).toBe('-09:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('knows each zone’s offset at the instant', () => {
    expect(offsetMinutes(order, 'Asia/Bangkok')).toBe(420);
    expect(offsetMinutes(order, 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(order, 'UTC')).toBe(0);
  });

  it('writes ISO 8601 with the offset, the same instant as toISOString', () => {
    expect(isoWithOffset(order, 'Asia/Bangkok')).toBe('2026-05-02T11:00:05.250+07:00');
    expect(isoWithOffset(order, 'America/New_York')).toBe('2026-05-02T00:00:05.250-04:00');
    expect(isoWithOffset(order, 'UTC')).toBe('2026-05-02T04:00:05.250+00:00');
    for (const zone of ['Asia/Bangkok', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham']) {
      expect(new Date(isoWithOffset(order, zone)).getTime()).toBe(order.getTime());
    }
  });

  it('labels a zone with its current offset', () => {
    expect(zoneLabel('Asia/Bangkok', order)).toBe('Asia/Bangkok (GMT+07:00)');
    expect(zoneLabel('America/New_York', order)).toBe('America/New York (GMT-04:00)');
  });
});

describe('sameDayInZone', () => {
  it('compares calendar days in the zone, not in UTC', () => {
    const a = new Date('2026-05-02T16:30:00Z');
    const b = new Date('2026-05-02T17:30:00Z');
    expect(sameDayInZone(a, b, 'UTC')).toBe(true);
    expect(sameDayInZone(a, b, 'Asia/Bangkok')).toBe(false); // 23:30 and 00:30 the next day
  });
});

describe('datetime-local values in a zone', () => {
  it('reads a wall-clock time in the zone', () => {
    expect(zonedInputToIso('2026-05-02T11:00', 'Asia/Bangkok')).toBe('2026-05-02T04:00:00.000Z');
    expect(zonedInputToIso('2026-05-02T00:00', 'America/New_York')).toBe('2026-05-02T04:00:00.000Z');
    expect(zonedInputToIso('2026-05-02T11:00:30', 'UTC')).toBe('2026-05-02T11:00:30.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(zonedInputToIso('', 'UTC')).toBeNull();
    expect(zonedInputToIso('2026-13-02T11:00', 'UTC')).toBeNull();
    expect(zonedInputToIso('tomorrow', 'UTC')).toBeNull();
  });

  it('resolves a time skipped by daylight saving, and a repeated one to its first occurrence', () => {
    // New York skipped 02:00–03:00 on 8 March 2026, and repeated 01:00–02:00 on 1 November.
    expect(zonedInputToIso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z');
    expect(zonedInputToIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('shows an instant as the zone’s datetime-local value, the inverse of reading one', () => {
    expect(zonedInputValue(order, 'Asia/Bangkok')).toBe('2026-05-02T11:00');
    expect(zonedInputToIso(zonedInputValue(order, 'America/New_York'), 'America/New_York')).toBe('2026-05-02T04:00:00.000Z');
  });
});

describe('isoWithOffsetIn', () => {
  it('writes exactly what isoWithOffset writes, across DST changes and odd offsets', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Asia/Bangkok', 'UTC']) {
      const iso = isoWithOffsetIn(zone);
      for (let t = Date.parse('2026-03-01T00:00:00Z'); t < Date.parse('2026-11-10T00:00:00Z'); t += 37 * 60_000 + 13_337) {
        expect(iso(t)).toBe(isoWithOffset(t, zone));
      }
    }
  });
});
