// Workspace settings the bot reads (workspaces.settings JSON):
//   handOffPhrases: string[]           "customer asks for a human" phrases
//   businessHours: { days: { mon: ["09:00-18:00"], … } }   in the workspace's timezone
// Absent business hours mean always open.

export const DEFAULT_HAND_OFF_PHRASES = ['agent', 'human', 'talk to someone', 'real person', 'customer service'];

export function handOffPhrases(settings: Record<string, unknown>): string[] {
  const value = settings.handOffPhrases;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return DEFAULT_HAND_OFF_PHRASES;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The text contains one of the phrases as whole words ("Talk to an agent please" ← "agent"). */
export function asksForHuman(text: string, phrases: string[]): boolean {
  const t = ` ${words(text)} `;
  if (t.trim() === '') return false;
  return phrases.some((p) => {
    const phrase = words(p);
    return phrase !== '' && t.includes(` ${phrase} `);
  });
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function isWithinBusinessHours(settings: Record<string, unknown>, timezone: string, now: Date): boolean {
  const hours = settings.businessHours as { days?: Record<string, unknown> } | undefined;
  if (!hours || typeof hours !== 'object' || !hours.days) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  }
  const day = parts.find((p) => p.type === 'weekday')!.value.toLowerCase().slice(0, 3);
  const minutes = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const ranges = hours.days[day];
  if (!DAYS.includes(day as (typeof DAYS)[number]) || !Array.isArray(ranges)) return false;
  return ranges.some((r) => {
    const m = typeof r === 'string' ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(r) : null;
    if (!m) return false;
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    return minutes >= from && minutes < to;
  });
}
