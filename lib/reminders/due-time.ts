// When a reminder is due, from the choice the agent made. "Tomorrow" and "next week" are
// 9:00 in the workspace's time zone (workspaces.timezone), whatever the server's zone is.
// Client-safe: no server imports.

export const reminderPresets = ['1h', '2h', 'tomorrow', 'next_week', 'custom'] as const;
export type ReminderPreset = (typeof reminderPresets)[number];

export const REMINDER_HOUR = 9;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A custom time must be at least this far ahead, and at most a year. */
export const MIN_LEAD_MS = 60_000;
export const MAX_AHEAD_MS = 366 * DAY;

type LocalTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall-clock time in a zone, with the ISO weekday (1 = Monday … 7 = Sunday). */
export function zonedParts(date: Date, timeZone: string): LocalTime & { second: number; weekday: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday) + 1,
  };
}

/** How far the zone is ahead of UTC at that instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a DST jump resolves to
 * the same wall time shifted by the jump; a repeated one to its first occurrence.
 */
export function zonedTimeToUtc(local: LocalTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let instant = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(instant, timeZone);
  if (second !== instant) instant = Math.min(instant, second);
  return new Date(instant);
}

/** The calendar date `days` after the zone's today at `now`. */
function addDays(p: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export class DueTimeError extends Error {}

/**
 * The due time for a preset: in 1 or 2 hours; tomorrow at 9:00; next week = the coming
 * Monday at 9:00 (a week later when today is Monday); or the chosen instant.
 */
export function computeDueAt(preset: ReminderPreset, options: { now: Date; timeZone: string; at?: Date | null }): Date {
  const { now, timeZone } = options;
  switch (preset) {
    case '1h':
      return new Date(now.getTime() + HOUR);
    case '2h':
      return new Date(now.getTime() + 2 * HOUR);
    case 'tomorrow': {
      const today = zonedParts(now, timeZone);
      return zonedTimeToUtc({ ...addDays(today, 1), hour: REMINDER_HOUR, minute: 0 }, timeZone);
    }
    case 'next_week': {
      const today = zonedParts(now, timeZone);
      return zonedTimeToUtc({ ...addDays(today, 8 - today.weekday), hour: REMINDER_HOUR, minute: 0 }, timeZone);
    }
    case 'custom': {
      const at = options.at;
      if (!at || Number.isNaN(at.getTime())) throw new DueTimeError('Choose a date and time.');
      if (at.getTime() < now.getTime() + MIN_LEAD_MS) throw new DueTimeError('Choose a time at least a minute from now.');
      if (at.getTime() > now.getTime() + MAX_AHEAD_MS) throw new DueTimeError('Choose a time within the next year.');
      return at;
    }
  }
}
