import { zonedParts, zonedTimeToUtc } from '@/lib/time/format';
import type { BusinessHours } from './schedule';

// Time inside a shop's business hours, as pure functions of instants. Every period is turned
// into real instants day by day in the shop's zone, so a DST change inside a period makes it
// an hour shorter or longer, exactly as the clock on the shop's wall does. `null` hours mean
// always open, and every function then counts clock time.

type LocalDate = { year: number; month: number; day: number };

const DAY_MS = 86_400_000;
/** How far ahead a search for open time goes before giving up (a year and a bit). */
const HORIZON_DAYS = 400;

function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
const weekdayIndex = (d: LocalDate) => (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;

const dateKey = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

function instant(d: LocalDate, minutes: number, zone: string): number {
  const day = minutes >= 1440 ? addDays(d, 1) : d;
  const m = minutes % 1440;
  return zonedTimeToUtc({ ...day, hour: Math.floor(m / 60), minute: m % 60 }, zone).getTime();
}

/**
 * The open intervals [start, end) in milliseconds, in order, from `from` on (the first one
 * clipped to start at `from` when it is already open), for at most `days` local days.
 */
export function* openIntervals(hours: BusinessHours, from: Date, days = HORIZON_DAYS): Generator<[number, number]> {
  const at = from.getTime();
  const p = zonedParts(from, hours.timeZone);
  const holidays = new Set(hours.holidays.map((h) => h.date));
  let day: LocalDate = { year: p.year, month: p.month, day: p.day };
  for (let i = 0; i < days; i++, day = addDays(day, 1)) {
    if (holidays.has(dateKey(day))) continue;
    for (const period of hours.week[weekdayIndex(day)]) {
      const start = instant(day, period.from, hours.timeZone);
      const end = instant(day, period.to, hours.timeZone);
      if (end <= start || end <= at) continue;
      yield [Math.max(start, at), end];
    }
  }
}

/** Whether the shop is open at `at`. */
export function isOpen(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const first = openIntervals(hours, at, 2).next();
  return !first.done && first.value[0] === at.getTime();
}

/** When the shop next opens: `at` itself when open, null when no open time lies ahead. */
export function nextOpening(hours: BusinessHours | null, at: Date): Date | null {
  if (!hours) return at;
  const first = openIntervals(hours, at).next();
  return first.done ? null : new Date(first.value[0]);
}

/**
 * The instant `ms` of open time after `start`: a target of 2 hours set at 17:00 by a shop
 * open 09:00-18:00 falls due at 10:00 the next working day. Null when the schedule has no
 * open time within the horizon (the caller counts clock time instead).
 */
export function addBusinessTime(hours: BusinessHours | null, start: Date, ms: number): Date | null {
  if (!hours) return new Date(start.getTime() + ms);
  let remaining = ms;
  for (const [from, to] of openIntervals(hours, start)) {
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
  }
  return null;
}

/** Open time between two instants, in milliseconds (0 when `to` is not after `from`). */
export function businessMsBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  if (!hours) return end - from.getTime();
  let total = 0;
  const days = Math.ceil((end - from.getTime()) / DAY_MS) + 2;
  for (const [s, e] of openIntervals(hours, from, days)) {
    if (s >= end) break;
    total += Math.min(e, end) - s;
  }
  return total;
}
