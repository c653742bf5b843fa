import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf, toNumber, type ReportScope } from './filters';

// The quarter-hour activity rollup (db/schema/report-activity.ts): PostgreSQL's triggers
// append pending counts on every insert; foldPendingActivity moves them into the rollup.

const FOLD_BATCH = 50_000;

/**
 * Moves pending counts into the rollup, at most `batch` rows per statement, until none are
 * left. Each statement deletes the rows it adds, so a count is folded exactly once even
 * when two folds run at once (the second skips rows the first has locked). Returns how many
 * pending rows were folded.
 */
export async function foldPendingActivity(db: DbOrTx, batch = FOLD_BATCH): Promise<number> {
  let folded = 0;
  for (;;) {
    const result = await db.execute(sql`
      with moved as (
        delete from report_activity_pending
        where id in (select id from report_activity_pending order by id limit ${batch} for update skip locked)
        returning workspace_id, channel_id, bucket, customer_messages, opened, reopened
      ), summed as (
        select workspace_id, channel_id, bucket, sum(customer_messages) as customer_messages, sum(opened) as opened, sum(reopened) as reopened, count(*) as n
        from moved group by 1, 2, 3
      ), added as (
        insert into report_activity (workspace_id, channel_id, bucket, customer_messages, opened, reopened)
        select workspace_id, channel_id, bucket, customer_messages, opened, reopened from summed
        on conflict (workspace_id, bucket, channel_id) do update set
          customer_messages = report_activity.customer_messages + excluded.customer_messages,
          opened = report_activity.opened + excluded.opened,
          reopened = report_activity.reopened + excluded.reopened
      )
      select coalesce(sum(n), 0) as n from summed`);
    const n = toNumber(rowsOf<{ n: string }>(result)[0]?.n);
    folded += n;
    if (n < batch) return folded;
  }
}

export type ActivityFigures = {
  opened: number;
  reopened: number;
  byChannel: Map<string, number>;
  heatmap: { weekday: number; hour: number; messages: number }[];
};

/**
 * Conversations opened (and reopened) per channel and customer messages per local weekday
 * and hour, from the rollup plus what is still pending. Only for scopes the rollup can
 * answer: the whole workspace or one channel (not a team, agent or tag).
 */
export async function activityFigures(db: DbOrTx, scope: ReportScope): Promise<ActivityFigures> {
  const where = sql`workspace_id = ${scope.workspaceId} and bucket >= ${scope.from} and bucket < ${scope.to}${
    scope.channel ? sql` and channel_id = ${scope.channel}` : sql``
  }`;
  const result = await db.execute(sql`
    with activity as (
      select channel_id, bucket, customer_messages, opened, reopened from report_activity where ${where}
      union all
      select channel_id, bucket, customer_messages, opened, reopened from report_activity_pending where ${where}
    )
    select 'channel' as kind, channel_id::text as key, null::int as weekday, null::int as hour, sum(opened) as opened, sum(reopened) as reopened, null::bigint as messages
      from activity group by channel_id having sum(opened) > 0
    union all
    select 'heat', null, extract(isodow from bucket at time zone ${scope.zone})::int, extract(hour from bucket at time zone ${scope.zone})::int, null, null, sum(customer_messages)
      from activity group by 3, 4 having sum(customer_messages) > 0`);
  const figures: ActivityFigures = { opened: 0, reopened: 0, byChannel: new Map(), heatmap: [] };
  for (const row of rowsOf<{ kind: string; key: string; weekday: number; hour: number; opened: string; reopened: string; messages: string }>(result)) {
    if (row.kind === 'channel') {
      figures.opened += toNumber(row.opened);
      figures.reopened += toNumber(row.reopened);
      figures.byChannel.set(row.key, toNumber(row.opened));
    } else {
      figures.heatmap.push({ weekday: toNumber(row.weekday), hour: toNumber(row.hour), messages: toNumber(row.messages) });
    }
  }
  figures.heatmap.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  return figures;
}
