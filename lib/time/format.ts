// How Baton shows an instant: always in a named IANA time zone (the agent's, see
// components/time/time-zone.tsx), never in whatever zone the server or browser happens to
// run in. Only numeric parts come from Intl; month and weekday names are ours, so the
// server's and the browser's ICU versions render the very same text (no hydration mismatch).
// Client-safe: no server imports.

/** The cookie a browser keeps its own zone in, so server renders and exports can use it. */
export const BROWSER_ZONE_COOKIE = 'baton_tz';

export type TimeFormat =
  /** "2 May 2026, 11:00" */
  | 'datetime'
  /** "2 May 2026" */
  | 'date'
  /** "11:00" */
  | 'time'
  /** "Sat 2 May 2026, 11:00:05 GMT+07:00": the exact time, for hovers and screen readers */
  | 'full'
  /** "11:00" today, "2 May, 11:00" this year, else "2 May 2025, 11:00" (chat bubbles) */
  | 'compact'
  /** "2 May" this year, else "2 May 2025" (list rows older than a week) */
  | 'day';

export type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name ("UTC" included). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The first candidate that is a real zone, else UTC. */
export function pickTimeZone(...candidates: (string | null | undefined)[]): string {
  return candidates.find(isTimeZone) ?? 'UTC';
}

/** This runtime's own zone (the browser's, in a browser), or null when it has none. */
export function browserTimeZone(): string | null {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : null;
}

// ICU still lists some zones by their old names; people look for the current IANA ones
// (both are accepted everywhere).
const RENAMED_ZONES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every zone a person can choose, by its current IANA name, UTC first. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const current = new Set(zones.map((z) => RENAMED_ZONES[z] ?? z).filter((z) => z !== 'UTC' && isTimeZone(z)));
  return ['UTC', ...[...current].sort()];
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The wall-clock time at `date` in `zone`, with the ISO weekday (1 = Monday … 7 = Sunday). */
export function zonedParts(date: Date, zone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(date)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second), weekday };
}

/** How far `zone` is ahead of UTC at that instant, in minutes (Bangkok: 420). */
export function offsetMinutes(date: Date, zone: string): number {
  const p = zonedParts(date, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** "+07:00", "-04:00", "+05:45", "+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ISO 8601 with the zone's offset at that instant, for exports:
 * "2026-05-02T11:00:05.000+07:00". The same instant as toISOString(), readable locally.
 */
export function isoWithOffset(value: Date | string | number, zone: string): string {
  const date = toDate(value);
  const p = zonedParts(date, zone);
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(ms, 3)}${formatOffset(offsetMinutes(date, zone))}`;
}

/** "Asia/Bangkok (GMT+07:00)": a zone as people recognise it, with its offset now. */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  return `${zone.replace(/_/g, ' ')} (GMT${formatOffset(offsetMinutes(at, zone))})`;
}

/** Whether two instants fall on the same calendar day in `zone`. */
export function sameDayInZone(a: Date, b: Date, zone: string): boolean {
  const x = zonedParts(a, zone);
  const y = zonedParts(b, zone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** An instant in `zone`, in one of Baton's formats. */
export function formatInZone(value: Date | string | number, zone: string, format: TimeFormat = 'datetime', now: Date = new Date()): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const p = zonedParts(date, zone);
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  const dayMonth = `${p.day} ${MONTHS[p.month - 1]}`;
  const fullDate = `${dayMonth} ${p.year}`;
  switch (format) {
    case 'date':
      return fullDate;
    case 'time':
      return time;
    case 'datetime':
      return `${fullDate}, ${time}`;
    case 'full':
      return `${WEEKDAYS[p.weekday - 1]} ${fullDate}, ${time}:${pad(p.second)} GMT${formatOffset(offsetMinutes(date, zone))}`;
    case 'compact': {
      if (sameDayInZone(date, now, zone)) return time;
      return p.year === zonedParts(now, zone).year ? `${dayMonth}, ${time}` : `${fullDate}, ${time}`;
    }
    case 'day':
      return p.year === zonedParts(now, zone).year ? dayMonth : fullDate;
  }
}

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a DST jump resolves to
 * the same wall time shifted by the jump; a repeated one to its first occurrence.
 */
export function zonedTimeToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  zone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  let instant = wall - offsetMinutes(new Date(wall), zone) * 60_000;
  const second = wall - offsetMinutes(new Date(instant), zone) * 60_000;
  if (second !== instant) instant = Math.min(instant, second);
  return new Date(instant);
}

/** A `datetime-local` value ("2026-05-02T11:00") read as wall-clock time in `zone`, as an ISO instant; null when it is not one. */
export function zonedInputToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  return zonedTimeToUtc({ year, month, day, hour, minute, second }, zone).toISOString();
}

/** The value a `datetime-local` input shows for an instant in `zone` ("2026-05-02T11:00"). */
export function zonedInputValue(value: Date | string | number, zone: string): string {
  const p = zonedParts(toDate(value), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * isoWithOffset for many instants in one zone (exports of thousands of rows): the zone's
 * offset is looked up once per quarter hour (zones change offset only on quarter hours)
 * and the wall time is plain arithmetic, instead of two Intl calls per value.
 */
export function isoWithOffsetIn(zone: string): (value: Date | string | number) => string {
  const offsets = new Map<number, number>();
  return (value) => {
    const date = toDate(value);
    const t = date.getTime();
    const bucket = Math.floor(t / QUARTER_HOUR_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = offsetMinutes(new Date(bucket * QUARTER_HOUR_MS), zone);
      if (offsets.size > 50_000) offsets.clear();
      offsets.set(bucket, offset);
    }
    const local = new Date(t + offset * 60_000);
    return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${formatOffset(offset)}`;
  };
}
