import { formatInZone } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Compact relative time for list rows ("now", "5m", "3h", "2d"), falling back to a
 * short date after a week (the day in `timeZone`), as chat inboxes show it.
 */
export function formatRelativeShort(date: Date, now: Date = new Date(), timeZone = 'UTC'): string {
  const diff = Math.max(0, now.getTime() - date.getTime());
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h`;
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)}d`;
  return formatInZone(date, timeZone, 'day', now);
}

/** How long until the short form next changes, so a clock can tick no more than needed. */
export function msUntilNextChange(date: Date, now: Date = new Date()): number {
  const diff = Math.max(0, now.getTime() - date.getTime());
  if (diff < HOUR) return MINUTE - (diff % MINUTE);
  if (diff < DAY) return HOUR - (diff % HOUR);
  return DAY - (diff % DAY);
}
