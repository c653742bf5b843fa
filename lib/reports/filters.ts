import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { zonedTimeToUtc } from '@/lib/time/format';

// The filters every report takes, and the one place that turns them into the conversations
// a report counts. An agent's reports are always narrowed to their own conversations here,
// whatever the request says: the page and the CSV route cannot widen them.

export const REPORT_MAX_DAYS = 400;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'Not a date');

/** Blank query-string values ("?team=") mean "no filter"; a repeated one takes the first. */
const blank = (v: unknown) => (v === '' || v === null ? undefined : Array.isArray(v) ? v[0] : v);
const optionalId = z.preprocess(blank, z.uuid().optional());

export const reportFiltersInput = z
  .object({
    /** Inclusive calendar days in the shop's zone. */
    from: z.preprocess(blank, day),
    to: z.preprocess(blank, day),
    channel: optionalId,
    team: optionalId,
    agent: optionalId,
    tag: optionalId,
    /** Durations counted in business hours only. */
    businessHours: z.preprocess((v) => blank(v) === '1' || blank(v) === 'true' || v === true, z.boolean()).default(false),
  })
  .refine((f) => f.from <= f.to, { message: 'The range ends before it starts', path: ['to'] })
  .refine((f) => daysBetween(f.from, f.to) < REPORT_MAX_DAYS, { message: `A range is at most ${REPORT_MAX_DAYS} days`, path: ['from'] });

export type ReportFilters = z.output<typeof reportFiltersInput>;

/** Who asks: admins see the workspace, agents their own figures. */
export type ReportContext = { workspaceId: string; actor: { id: string; role: 'admin' | 'agent' } };

/** What a report query works with: the filters as instants, the shop's zone, the enforced agent. */
export type ReportScope = {
  workspaceId: string;
  from: Date;
  to: Date;
  zone: string;
  channel?: string;
  team?: string;
  tag?: string;
  /** The agent whose conversations count: the filter for admins, always the actor for agents. */
  agent?: string;
  businessHours: boolean;
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function startOfDay(value: string, zone: string): Date {
  const [year, month, d] = value.split('-').map(Number);
  return zonedTimeToUtc({ year, month, day: d, hour: 0, minute: 0 }, zone);
}

function nextDay(value: string): string {
  return new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The scope of a report: the range's days in the shop's zone, and the agent an agent is limited to. */
export function reportScope(ctx: ReportContext, filters: ReportFilters, shopZone: string): ReportScope {
  return {
    workspaceId: ctx.workspaceId,
    from: startOfDay(filters.from, shopZone),
    to: startOfDay(nextDay(filters.to), shopZone),
    zone: shopZone,
    channel: filters.channel,
    team: filters.team,
    tag: filters.tag,
    agent: ctx.actor.role === 'admin' ? filters.agent : ctx.actor.id,
    businessHours: filters.businessHours,
  };
}

/** The default range: the last 30 days up to today, in the shop's zone. */
export function defaultRange(now: Date, zone: string): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to: today };
}

/**
 * The conditions on conversation `c` for every filter but the date (each report puts its
 * own date on the column it counts by). The agent: the conversation is theirs (assigned)
 * or they gave its first reply.
 */
export function conversationFilters(scope: ReportScope, alias = 'c'): SQL {
  const c = sql.raw(alias);
  const parts: SQL[] = [sql`${c}.workspace_id = ${scope.workspaceId}`];
  if (scope.channel) parts.push(sql`${c}.channel_id = ${scope.channel}`);
  if (scope.team) parts.push(sql`${c}.team_id = ${scope.team}`);
  if (scope.agent) parts.push(sql`(${c}.assignee_id = ${scope.agent} or ${c}.first_reply_by_id = ${scope.agent})`);
  if (scope.tag) parts.push(sql`exists (select 1 from contact_tags ct where ct.contact_id = ${c}.contact_id and ct.tag_id = ${scope.tag})`);
  return sql.join(parts, sql` and `);
}

/** Whether any filter beyond the workspace applies (some queries skip the join to conversations then). */
export function narrowed(scope: ReportScope): boolean {
  return Boolean(scope.channel || scope.team || scope.agent || scope.tag);
}

/** Rows of db.execute as plain objects (node-postgres answers `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export const toNumber = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const toNullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
