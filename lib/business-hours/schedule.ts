import { z } from 'zod';

// A shop's business hours, kept in the workspace's `settings` JSON under `businessHours`
// and read in the workspace's own time zone (`workspaces.timezone`):
//   { enabled: true,
//     days: { mon: ["09:00-12:00", "13:00-18:00"], …, sun: [] },
//     holidays: [{ date: "2026-12-31", name: "New Year's Eve" }],
//     awayMessage: "We are closed now…" }
// Absent (or `enabled: false`) means always open. A day may have several periods; "24:00"
// ends a period at midnight, so a night shift is "22:00-24:00" on one day and "00:00-06:00"
// on the next, and time runs on across midnight.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Minutes after local midnight: [from, to), 0 ≤ from < to ≤ 1440. */
export type Period = { from: number; to: number };
export type Holiday = { date: string; name: string };

export type BusinessHours = {
  /** Index 0 = Monday … 6 = Sunday (ISO weekday − 1), each sorted and not overlapping. */
  week: Period[][];
  /** Closed all day, as local calendar dates "YYYY-MM-DD". */
  holidays: Holiday[];
  awayMessage: string;
  timeZone: string;
};

export const MAX_PERIODS_PER_DAY = 6;
export const MAX_HOLIDAYS = 200;
export const AWAY_MESSAGE_MAX = 500;
export const DEFAULT_AWAY_MESSAGE = 'Thanks for your message! We are closed right now and will answer when we are back.';

const PERIOD = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;

export function parsePeriod(text: string): Period | null {
  const m = PERIOD.exec(text.trim());
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  // A period ending at 00:00 ends at midnight (a time input cannot say 24:00): "00:00-00:00" is the whole day.
  const to = Number(m[3]) * 60 + Number(m[4]) || 1440;
  if (to > 1440 || from >= to) return null;
  return { from, to };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const formatPeriod = (p: Period) => `${hhmm(p.from)}-${hhmm(p.to)}`;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31').refine((d) => {
  const [y, m, day] = d.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, day));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
}, 'Not a calendar date');

/** Sorted, and refused when two periods of a day overlap. */
function dayPeriods(texts: string[], ctx: z.RefinementCtx, day: Weekday): Period[] {
  const periods: Period[] = [];
  for (const t of texts) {
    const p = parsePeriod(t);
    if (!p) {
      ctx.addIssue({ code: 'custom', path: [day], message: `${WEEKDAY_LABELS[day]}: “${t}” is not a period like 09:00-18:00` });
      return [];
    }
    periods.push(p);
  }
  periods.sort((a, b) => a.from - b.from);
  for (let i = 1; i < periods.length; i++) {
    if (periods[i].from < periods[i - 1].to) {
      ctx.addIssue({ code: 'custom', path: [day], message: `${WEEKDAY_LABELS[day]}: periods overlap` });
      return [];
    }
  }
  return periods;
}

/** What an admin saves (and what is stored): periods as "HH:MM-HH:MM" text per weekday. */
export const businessHoursInput = z
  .object({
    enabled: z.boolean(),
    days: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(z.string().max(20)).max(MAX_PERIODS_PER_DAY, `At most ${MAX_PERIODS_PER_DAY} periods a day`)])) as Record<Weekday, z.ZodArray<z.ZodString>>),
    holidays: z
      .array(z.object({ date: isoDate, name: z.string().trim().max(100, 'Keep the name under 100 characters') }))
      .max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} closed dates`),
    awayMessage: z.string().trim().max(AWAY_MESSAGE_MAX, `Keep the away message under ${AWAY_MESSAGE_MAX} characters`),
  })
  .superRefine((value, ctx) => {
    for (const day of WEEKDAYS) dayPeriods(value.days[day], ctx, day);
    if (value.enabled && WEEKDAYS.every((d) => value.days[d].length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'Open at least one period a week, or turn business hours off' });
    }
    const seen = new Set<string>();
    for (const h of value.holidays) {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays'], message: `${h.date} is listed twice` });
      seen.add(h.date);
    }
  })
  .transform((value) => ({
    ...value,
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, value.days[d].map((t) => formatPeriod(parsePeriod(t)!)).sort()])) as Record<Weekday, string[]>,
    holidays: [...value.holidays].sort((a, b) => a.date.localeCompare(b.date)),
  }));

export type BusinessHoursSettings = z.output<typeof businessHoursInput>;

export const DEFAULT_BUSINESS_HOURS_SETTINGS: BusinessHoursSettings = {
  enabled: false,
  days: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] },
  holidays: [],
  awayMessage: DEFAULT_AWAY_MESSAGE,
};

/**
 * The stored settings as the form shows them. Anything missing or malformed reads as the
 * default; a schedule stored before `enabled` existed (days only) counts as on.
 */
export function readBusinessHoursSettings(settings: Record<string, unknown>): BusinessHoursSettings {
  const raw = settings.businessHours;
  if (!raw || typeof raw !== 'object') return DEFAULT_BUSINESS_HOURS_SETTINGS;
  const r = raw as Record<string, unknown>;
  const days = (r.days ?? {}) as Record<string, unknown>;
  const candidate = {
    enabled: typeof r.enabled === 'boolean' ? r.enabled : true,
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, Array.isArray(days[d]) ? days[d] : []])),
    holidays: Array.isArray(r.holidays) ? r.holidays : [],
    awayMessage: typeof r.awayMessage === 'string' ? r.awayMessage : DEFAULT_AWAY_MESSAGE,
  };
  const parsed = businessHoursInput.safeParse(candidate);
  return parsed.success ? parsed.data : DEFAULT_BUSINESS_HOURS_SETTINGS;
}

/** The schedule the calendar functions use, or null when the shop is always open. */
export function businessHoursOf(workspace: { settings: Record<string, unknown>; timezone: string }): BusinessHours | null {
  const s = readBusinessHoursSettings(workspace.settings);
  if (!s.enabled) return null;
  return {
    week: WEEKDAYS.map((d) => s.days[d].map((t) => parsePeriod(t)!)),
    holidays: s.holidays,
    awayMessage: s.awayMessage,
    timeZone: workspace.timezone,
  };
}
