import type { BusinessHours } from '@/lib/business-hours/schedule';
import { openIntervals } from '@/lib/business-hours/calendar';

const DAY_MS = 86_400_000;

/**
 * Business time between many pairs of instants, fast: the shop's open intervals over the
 * whole span are listed once with a running total, so each pair is two binary searches
 * instead of a walk through the calendar (a year of conversations is ~100k pairs).
 * Counts exactly what businessMsBetween counts.
 */
export function businessDurations(hours: BusinessHours, pairs: { start: Date; end: Date }[]): number[] {
  if (pairs.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const p of pairs) {
    min = Math.min(min, p.start.getTime());
    max = Math.max(max, p.end.getTime());
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = []; // open time before each interval starts
  let total = 0;
  for (const [s, e] of openIntervals(hours, new Date(min), Math.ceil((max - min) / DAY_MS) + 2)) {
    if (s >= max) break;
    starts.push(s);
    ends.push(e);
    before.push(total);
    total += e - s;
  }
  /** Open time from `min` up to `t`. */
  const upTo = (t: number): number => {
    let lo = 0;
    let hi = starts.length; // first interval starting after t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return 0;
    return before[i] + Math.min(ends[i], t) - starts[i];
  };
  return pairs.map((p) => Math.max(0, upTo(p.end.getTime()) - upTo(p.start.getTime())));
}
