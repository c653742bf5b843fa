import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversationFilters, narrowed, rowsOf, toNullableNumber, toNumber, type ReportScope } from './filters';

export type AgentRow = {
  userId: string;
  name: string;
  /** Conversations they replied in during the range. */
  handled: number;
  replies: number;
  /** Median first response of the conversations (opened in the range) whose first reply was theirs. */
  medianFirstResponseSeconds: number | null;
  /** Time marked online within the range (presence sessions). */
  onlineSeconds: number;
};

/** One row per member (an agent: only themself), busiest first. */
export async function agentsReport(db: DbOrTx, scope: ReportScope): Promise<AgentRow[]> {
  const where = conversationFilters(scope);
  const replies = narrowed(scope)
    ? sql`select m.sender_user_id as user_id, count(*) as replies, count(distinct m.conversation_id) as handled
        from messages m join conversations c on c.id = m.conversation_id
        where m.workspace_id = ${scope.workspaceId} and m.sender_kind = 'agent' and m.direction = 'outbound'
          and m.created_at >= ${scope.from} and m.created_at < ${scope.to} and ${where}
          ${scope.agent ? sql`and m.sender_user_id = ${scope.agent}` : sql``}
        group by 1`
    : sql`select m.sender_user_id as user_id, count(*) as replies, count(distinct m.conversation_id) as handled
        from messages m
        where m.workspace_id = ${scope.workspaceId} and m.sender_kind = 'agent' and m.direction = 'outbound'
          and m.created_at >= ${scope.from} and m.created_at < ${scope.to}
        group by 1`;
  const result = await db.execute(sql`
    with replies as (${replies}),
    first_response as (
      select c.first_reply_by_id as user_id,
        percentile_cont(0.5) within group (order by greatest(0, extract(epoch from c.first_reply_at - c.reached_people_at))) as median
      from conversations c
      where ${where} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}
        and c.first_reply_at is not null and c.reached_people_at is not null and c.first_reply_by_id is not null
      group by 1
    ),
    online as (
      select s.user_id, sum(extract(epoch from least(coalesce(s.ended_at, now()), ${scope.to}::timestamptz) - greatest(s.started_at, ${scope.from}::timestamptz))) as seconds
      from presence_sessions s
      where s.workspace_id = ${scope.workspaceId} and s.started_at < ${scope.to} and coalesce(s.ended_at, now()) > ${scope.from}
      group by 1
    )
    select u.id, case when m.joined_at is null then coalesce(m.invited_name, u.name) else u.name end as name, coalesce(r.handled, 0) as handled, coalesce(r.replies, 0) as replies,
      f.median, coalesce(o.seconds, 0) as online
    from memberships m join users u on u.id = m.user_id
      left join replies r on r.user_id = m.user_id
      left join first_response f on f.user_id = m.user_id
      left join online o on o.user_id = m.user_id
    where m.workspace_id = ${scope.workspaceId}
      ${scope.agent ? sql`and m.user_id = ${scope.agent}` : sql`and (m.active or r.replies is not null)`}
    order by coalesce(r.replies, 0) desc, 2`);
  return rowsOf<{ id: string; name: string; handled: string; replies: string; median: string | null; online: string }>(result).map((r) => ({
    userId: r.id,
    name: r.name,
    handled: toNumber(r.handled),
    replies: toNumber(r.replies),
    medianFirstResponseSeconds: roundOrNull(toNullableNumber(r.median)),
    onlineSeconds: Math.max(0, Math.round(toNumber(r.online))),
  }));
}

const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
