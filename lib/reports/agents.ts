import { sql, type SQL } from 'drizzle-orm';
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
  const pairs = narrowed(scope)
    ? sql`select m.sender_user_id as user_id, m.conversation_id, count(*) as replies
        from messages m join conversations c on c.id = m.conversation_id
        where m.workspace_id = ${scope.workspaceId} and m.sender_kind = 'agent' and m.direction = 'outbound'
          and m.created_at >= ${scope.from} and m.created_at < ${scope.to} and ${where}
          ${scope.agent ? sql`and m.sender_user_id = ${scope.agent}` : sql``}
        group by 1, 2`
    : workspacePairs(scope);
  // Replies per (agent, conversation) first, then per agent: hashing the pairs is several
  // times cheaper than sorting every reply for count(distinct). The replies (the big scan)
  // and the members' other figures are separate statements so they run side by side.
  const [replyRows, memberRows] = await Promise.all([
    db.execute(sql`select user_id, sum(replies) as replies, count(*) as handled from (${pairs}) p group by 1`),
    db.execute(sql`
    with first_response as (
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
    select u.id, case when m.joined_at is null then coalesce(m.invited_name, u.name) else u.name end as name, m.active,
      f.median, coalesce(o.seconds, 0) as online
    from memberships m join users u on u.id = m.user_id
      left join first_response f on f.user_id = m.user_id
      left join online o on o.user_id = m.user_id
    where m.workspace_id = ${scope.workspaceId}
      ${scope.agent ? sql`and m.user_id = ${scope.agent}` : sql``}`),
  ]);
  const replies = new Map(rowsOf<{ user_id: string; replies: string; handled: string }>(replyRows).map((r) => [r.user_id, r]));
  return (
    rowsOf<{ id: string; name: string; active: boolean; median: string | null; online: string }>(memberRows)
      // A deactivated member still shows for the range they worked in.
      .filter((r) => scope.agent || r.active || replies.has(r.id))
      .map((r) => ({
        userId: r.id,
        name: r.name,
        handled: toNumber(replies.get(r.id)?.handled),
        replies: toNumber(replies.get(r.id)?.replies),
        medianFirstResponseSeconds: roundOrNull(toNullableNumber(r.median)),
        onlineSeconds: Math.max(0, Math.round(toNumber(r.online))),
      }))
      .sort((a, b) => b.replies - a.replies || a.name.localeCompare(b.name))
  );
}

const DAY_MS = 86_400_000;

/** Replies between two instants, per (agent, conversation), read from the messages. */
function pairsFromMessages(scope: ReportScope, from: Date, to: Date): SQL {
  return sql`select m.sender_user_id as user_id, m.conversation_id, count(*) as replies
    from messages m
    where m.workspace_id = ${scope.workspaceId} and m.sender_kind = 'agent' and m.direction = 'outbound'
      and m.created_at >= ${from} and m.created_at < ${to}
    group by 1, 2`;
}

/**
 * The whole workspace's replies per (agent, conversation): whole UTC days from the daily
 * rollup (report_agent_replies), the partial days at each end of the range (the shop's
 * midnight is rarely UTC's) from the messages.
 */
export function workspacePairs(scope: ReportScope): SQL {
  const firstDay = new Date(Math.ceil(scope.from.getTime() / DAY_MS) * DAY_MS);
  const endDay = new Date(Math.floor(scope.to.getTime() / DAY_MS) * DAY_MS);
  if (firstDay >= endDay) return pairsFromMessages(scope, scope.from, scope.to);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const parts: SQL[] = [
    sql`select user_id, conversation_id, replies from report_agent_replies
      where workspace_id = ${scope.workspaceId} and day >= ${day(firstDay)}::date and day < ${day(endDay)}::date`,
  ];
  if (scope.from < firstDay) parts.push(pairsFromMessages(scope, scope.from, firstDay));
  if (endDay < scope.to) parts.push(pairsFromMessages(scope, endDay, scope.to));
  return sql`select user_id, conversation_id, sum(replies) as replies from (${sql.join(parts, sql` union all `)}) p group by 1, 2`;
}

const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
