import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { BusinessHours } from '@/lib/business-hours/schedule';
import { businessDurations } from './business-time';
import { conversationFilters, rowsOf, toNullableNumber, toNumber, type ReportScope } from './filters';
import { medianAndP90 } from './percentiles';

export type Durations = { count: number; medianSeconds: number | null; p90Seconds: number | null };

export type ResponseTimesReport = {
  /** From when a conversation opened in the range first reached a person to the first agent reply. */
  firstResponse: Durations;
  /** From opening to resolving, for conversations resolved in the range. */
  resolution: Durations;
  businessHours: boolean;
  /** Per SLA rule and target kind, targets started in the range (cancelled ones left out). */
  sla: { ruleId: string | null; rule: string; kind: string; achieved: number; breached: number; pending: number }[];
};


/** Clock durations in SQL; business-hours ones need the calendar, so the pairs come back to count. */
async function durations(db: DbOrTx, scope: ReportScope, hours: BusinessHours | null, pairs: ReturnType<typeof sql>): Promise<Durations> {
  if (!scope.businessHours || !hours) {
    const [row] = rowsOf<{ n: string; median: string | null; p90: string | null }>(
      await db.execute(sql`
        select count(*) as n,
          percentile_cont(0.5) within group (order by greatest(0, extract(epoch from p.end_at - p.start_at))) as median,
          percentile_cont(0.9) within group (order by greatest(0, extract(epoch from p.end_at - p.start_at))) as p90
        from (${pairs}) p`),
    );
    return { count: toNumber(row.n), medianSeconds: round(toNullableNumber(row.median)), p90Seconds: round(toNullableNumber(row.p90)) };
  }
  const rows = rowsOf<{ start_at: Date | string; end_at: Date | string }>(await db.execute(pairs));
  const seconds = businessDurations(
    hours,
    rows.map((r) => ({ start: new Date(r.start_at), end: new Date(r.end_at) })),
  ).map((ms) => ms / 1000);
  const { median, p90 } = medianAndP90(seconds);
  return { count: seconds.length, medianSeconds: round(median), p90Seconds: round(p90) };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function firstResponsePairs(scope: ReportScope) {
  return sql`select c.reached_people_at as start_at, c.first_reply_at as end_at from conversations c
    where ${conversationFilters(scope)} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}
      and c.first_reply_at is not null and c.reached_people_at is not null`;
}

function resolutionPairs(scope: ReportScope) {
  return sql`select c.created_at as start_at, c.resolved_at as end_at from conversations c
    where ${conversationFilters(scope)} and c.resolved_at >= ${scope.from} and c.resolved_at < ${scope.to}`;
}

export async function responseTimesReport(db: DbOrTx, scope: ReportScope, hours: BusinessHours | null): Promise<ResponseTimesReport> {
  const [firstResponse, resolution, sla] = await Promise.all([
    durations(db, scope, hours, firstResponsePairs(scope)),
    durations(db, scope, hours, resolutionPairs(scope)),
    db.execute(sql`
      select t.rule_id, coalesce(r.name, 'Deleted rule') as rule, t.kind,
        count(*) filter (where t.breached_at is null and t.met_at is not null) as achieved,
        count(*) filter (where t.breached_at is not null) as breached,
        count(*) filter (where t.breached_at is null and t.met_at is null) as pending
      from sla_targets t join conversations c on c.id = t.conversation_id left join sla_rules r on r.id = t.rule_id
      where t.workspace_id = ${scope.workspaceId} and t.started_at >= ${scope.from} and t.started_at < ${scope.to}
        and t.cancelled_at is null and ${conversationFilters(scope)}
      group by 1, 2, 3, r.position
      order by r.position nulls last, 2, array_position(array['first_response', 'next_response', 'resolution'], t.kind)`),
  ]);
  return {
    firstResponse,
    resolution,
    businessHours: scope.businessHours && hours !== null,
    sla: rowsOf<{ rule_id: string | null; rule: string; kind: string; achieved: string; breached: string; pending: string }>(sla).map((r) => ({
      ruleId: r.rule_id,
      rule: r.rule,
      kind: r.kind,
      achieved: toNumber(r.achieved),
      breached: toNumber(r.breached),
      pending: toNumber(r.pending),
    })),
  };
}
