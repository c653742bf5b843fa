import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { activityFigures } from './activity';
import { conversationFilters, rowsOf, toNumber, type ReportScope } from './filters';

export type ConversationsReport = {
  opened: number;
  resolved: number;
  /** Opened by a customer who had an earlier conversation on the same channel. */
  reopened: number;
  byChannel: { channelId: string; name: string; kind: string; opened: number; resolved: number }[];
  /** Customer messages by weekday (1 = Monday … 7 = Sunday) and hour, in the shop's zone; only non-zero cells. */
  heatmap: { weekday: number; hour: number; messages: number }[];
};

/** Conversations opened, resolved and reopened in the range, by channel, and when customers write. */
export async function conversationsReport(db: DbOrTx, scope: ReportScope): Promise<ConversationsReport> {
  // The rollup counts per channel: a team, agent or tag needs each conversation's own row.
  return scope.team || scope.agent || scope.tag ? countedFromConversations(db, scope) : countedFromRollup(db, scope);
}

async function countedFromRollup(db: DbOrTx, scope: ReportScope): Promise<ConversationsReport> {
  const where = conversationFilters(scope);
  const [activity, resolved, channelRows] = await Promise.all([
    activityFigures(db, scope),
    db.execute(sql`
      select c.channel_id, count(*) as n from conversations c
      where ${where} and c.resolved_at >= ${scope.from} and c.resolved_at < ${scope.to} group by 1`),
    db.execute(sql`select id, name, kind from channels where workspace_id = ${scope.workspaceId}`),
  ]);
  const resolvedBy = new Map(rowsOf<{ channel_id: string; n: string }>(resolved).map((r) => [r.channel_id, toNumber(r.n)]));
  const byChannel = rowsOf<{ id: string; name: string; kind: string }>(channelRows)
    .map((ch) => ({ channelId: ch.id, name: ch.name, kind: ch.kind, opened: activity.byChannel.get(ch.id) ?? 0, resolved: resolvedBy.get(ch.id) ?? 0 }))
    .filter((ch) => ch.opened > 0 || ch.resolved > 0)
    .sort((a, b) => b.opened - a.opened || a.name.localeCompare(b.name));
  return {
    opened: activity.opened,
    resolved: [...resolvedBy.values()].reduce((sum, n) => sum + n, 0),
    reopened: activity.reopened,
    byChannel,
    heatmap: activity.heatmap,
  };
}

async function countedFromConversations(db: DbOrTx, scope: ReportScope): Promise<ConversationsReport> {
  const where = conversationFilters(scope);
  const [totals, channels, heat] = await Promise.all([
    db.execute(sql`
      select
        (select count(*) from conversations c where ${where} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}) as opened,
        (select count(*) from conversations c where ${where} and c.resolved_at >= ${scope.from} and c.resolved_at < ${scope.to}) as resolved,
        (select count(*) from conversations c where ${where} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}
           and exists (select 1 from conversations p where p.contact_id = c.contact_id and p.channel_id = c.channel_id and p.created_at < c.created_at)) as reopened`),
    db.execute(sql`
      with opened as (
        select c.channel_id, count(*) as n from conversations c where ${where} and c.created_at >= ${scope.from} and c.created_at < ${scope.to} group by 1
      ), resolved as (
        select c.channel_id, count(*) as n from conversations c where ${where} and c.resolved_at >= ${scope.from} and c.resolved_at < ${scope.to} group by 1
      )
      select ch.id, ch.name, ch.kind, coalesce(o.n, 0) as opened, coalesce(r.n, 0) as resolved
      from channels ch left join opened o on o.channel_id = ch.id left join resolved r on r.channel_id = ch.id
      where ch.workspace_id = ${scope.workspaceId} and (o.n is not null or r.n is not null)
      order by coalesce(o.n, 0) desc, ch.name`),
    db.execute(sql`
      select extract(isodow from m.created_at at time zone ${scope.zone}) as weekday, extract(hour from m.created_at at time zone ${scope.zone}) as hour, count(*) as n
      from messages m join conversations c on c.id = m.conversation_id
      where m.workspace_id = ${scope.workspaceId} and m.direction = 'inbound' and m.created_at >= ${scope.from} and m.created_at < ${scope.to} and ${where}
      group by 1, 2`),
  ]);
  const t = rowsOf<{ opened: string; resolved: string; reopened: string }>(totals)[0];
  return {
    opened: toNumber(t.opened),
    resolved: toNumber(t.resolved),
    reopened: toNumber(t.reopened),
    byChannel: rowsOf<{ id: string; name: string; kind: string; opened: string; resolved: string }>(channels).map((r) => ({
      channelId: r.id,
      name: r.name,
      kind: r.kind,
      opened: toNumber(r.opened),
      resolved: toNumber(r.resolved),
    })),
    heatmap: rowsOf<{ weekday: string; hour: string; n: string }>(heat)
      .map((r) => ({ weekday: toNumber(r.weekday), hour: toNumber(r.hour), messages: toNumber(r.n) }))
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
  };
}
