const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Compact relative time for list rows ("now", "5m", "3h", "2d"), falling back to a
 * short date after a week, as chat inboxes show it.
 */
export function formatRelativeShort(date: Date, now: Date = new Date()): string {
  const diff = Math.max(0, now.getTime() - date.getTime());
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h`;
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)}d`;
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString('en', sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}

/** How long until the short form next changes, so a clock can tick no more than needed. */
export function msUntilNextChange(date: Date, now: Date = new Date()): number {
  const diff = Math.max(0, now.getTime() - date.getTime());
  if (diff < HOUR) return MINUTE - (diff % MINUTE);
  if (diff < DAY) return HOUR - (diff % HOUR);
  return DAY - (diff % DAY);
}
