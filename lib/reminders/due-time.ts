// When a reminder is due, from the choice the agent made. "Tomorrow" and "next week" are
// 9:00 in the workspace's time zone (workspaces.timezone), whatever the server's zone is.
// Client-safe: no server imports.

import { isTimeZone, zonedParts, zonedTimeToUtc } from '@/lib/time/format';

export const reminderPresets = ['1h', '2h', 'tomorrow', 'next_week', 'custom'] as const;
export type ReminderPreset = (typeof reminderPresets)[number];

export const REMINDER_HOUR = 9;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A custom time must be at least this far ahead, and at most a year. */
export const MIN_LEAD_MS = 60_000;
export const MAX_AHEAD_MS = 366 * DAY;

// Zone arithmetic is shared with how times are shown (lib/time/format.ts).
export { isTimeZone, zonedParts, zonedTimeToUtc };

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
