import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversationFilters, narrowed, rowsOf, toNumber, type ReportScope } from './filters';

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
    db.execute(
      narrowed(scope)
        ? sql`
          select extract(isodow from m.created_at at time zone ${scope.zone}) as weekday, extract(hour from m.created_at at time zone ${scope.zone}) as hour, count(*) as n
          from messages m join conversations c on c.id = m.conversation_id
          where m.workspace_id = ${scope.workspaceId} and m.direction = 'inbound' and m.created_at >= ${scope.from} and m.created_at < ${scope.to} and ${where}
          group by 1, 2`
        : sql`
          select extract(isodow from m.created_at at time zone ${scope.zone}) as weekday, extract(hour from m.created_at at time zone ${scope.zone}) as hour, count(*) as n
          from messages m
          where m.workspace_id = ${scope.workspaceId} and m.direction = 'inbound' and m.created_at >= ${scope.from} and m.created_at < ${scope.to}
          group by 1, 2`,
    ),
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
