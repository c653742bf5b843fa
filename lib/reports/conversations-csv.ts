import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { writeCsv } from '@/lib/commerce/csv';
import { minorPerMajor } from '@/lib/commerce/money';
import { isoWithOffsetIn } from '@/lib/time/format';
import { conversationFilters, rowsOf, type ReportScope } from './filters';

// The "Conversations" CSV: one row per conversation opened in the range, read in keyset
// batches (created_at, id) and written as each batch arrives, so a year of conversations
// never sits in memory whole. Cells go through the formula guard (writeCsv); times are
// ISO 8601 with the shop zone's offset.

export const CONVERSATIONS_CSV_BATCH = 2_000;

export const CONVERSATIONS_CSV_HEADER = [
  'conversation_id',
  'opened_at',
  'channel',
  'channel_kind',
  'customer',
  'tags',
  'custom_data',
  'status',
  'handler',
  'priority',
  'team',
  'agent',
  'reached_people_at',
  'first_reply_at',
  'first_response_seconds',
  'resolved_at',
  'resolution_seconds',
  'sla_rule',
  'sla_outcome',
  'orders',
  'order_totals',
];

type Row = {
  id: string;
  created_at: Date | string;
  channel: string;
  channel_kind: string;
  customer: string;
  tags: string | null;
  custom_data: Record<string, string> | null;
  status: string;
  handler: string;
  priority: string;
  team: string | null;
  agent: string | null;
  reached_people_at: Date | string | null;
  first_reply_at: Date | string | null;
  resolved_at: Date | string | null;
  sla_rule: string | null;
  sla_outcome: string | null;
  orders: number | string;
  order_totals: { currency: string; minor: number | string }[] | null;
};

/** Runs now (drizzle's query is lazy and would run again on every `then`). */
function batch(db: DbOrTx, scope: ReportScope, after: { createdAt: string; id: string } | null): Promise<unknown> {
  return Promise.resolve(db.execute(sql`
    select c.id, c.created_at, ch.name as channel, ch.kind as channel_kind, ct.name as customer, ct.custom_data,
      c.status, c.handler, c.priority, t.name as team, u.name as agent, c.reached_people_at, c.first_reply_at, c.resolved_at,
      (select string_agg(tg.name, '; ' order by lower(tg.name)) from contact_tags x join tags tg on tg.id = x.tag_id where x.contact_id = c.contact_id) as tags,
      r.name as sla_rule,
      (select case when bool_or(s.breached_at is not null) then 'breached' when bool_and(s.met_at is not null) then 'met' else 'pending' end
         from sla_targets s where s.conversation_id = c.id and s.cancelled_at is null) as sla_outcome,
      coalesce(od.orders, 0) as orders, od.order_totals
    from conversations c
      left join lateral (
        select sum(x.n) as orders, json_agg(json_build_object('currency', x.currency, 'minor', x.minor) order by x.currency) filter (where x.minor is not null) as order_totals
        from (
          select o.currency, count(*) as n, sum(o.total_minor) filter (where o.status <> 'cancelled') as minor from orders o
          where o.contact_id = c.contact_id and o.conversation_id = c.id group by o.currency) x
      ) od on true
      join channels ch on ch.id = c.channel_id
      join contacts ct on ct.id = c.contact_id
      left join teams t on t.id = c.team_id
      left join users u on u.id = c.assignee_id
      left join sla_rules r on r.id = c.sla_rule_id
    where ${conversationFilters(scope)} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}
      ${after ? sql`and (c.created_at, c.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
    order by c.created_at, c.id
    limit ${CONVERSATIONS_CSV_BATCH}`));
}

const seconds = (from: Date | string | null, to: Date | string | null) =>
  from && to ? String(Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000))) : '';

function amount(minor: number, currency: string): string {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  return (minor / per).toFixed(decimals);
}

function cells(r: Row, iso: (v: Date | string) => string): string[] {
  const time = (v: Date | string | null) => (v ? iso(v) : '');
  return [
    r.id,
    time(r.created_at),
    r.channel,
    r.channel_kind,
    r.customer,
    r.tags ?? '',
    r.custom_data && Object.keys(r.custom_data).length ? JSON.stringify(r.custom_data) : '',
    r.status,
    r.handler,
    r.priority,
    r.team ?? '',
    r.agent ?? '',
    time(r.reached_people_at),
    time(r.first_reply_at),
    seconds(r.reached_people_at, r.first_reply_at),
    time(r.resolved_at),
    seconds(r.created_at, r.resolved_at),
    r.sla_rule ?? '',
    r.sla_outcome ?? '',
    String(r.orders),
    (r.order_totals ?? []).map((o) => `${o.currency} ${amount(Number(o.minor), o.currency)}`).join('; '),
  ];
}

/** How many rows the CSV will have (for the download's progress). */
export async function countConversations(db: DbOrTx, scope: ReportScope): Promise<number> {
  const [row] = rowsOf<{ n: string }>(
    await db.execute(sql`select count(*) as n from conversations c where ${conversationFilters(scope)} and c.created_at >= ${scope.from} and c.created_at < ${scope.to}`),
  );
  return Number(row.n);
}

/** The CSV in chunks: the header (with a BOM, for spreadsheets), then one chunk per batch. */
export async function* conversationsCsv(db: DbOrTx, scope: ReportScope): AsyncGenerator<string> {
  yield writeCsv([CONVERSATIONS_CSV_HEADER], { bom: true });
  const iso = isoWithOffsetIn(scope.zone);
  // The next batch is asked for before this one is written out: PostgreSQL reads it while
  // this process formats, so the two cores work at once (two batches in memory at most).
  let pending: Promise<unknown> | null = batch(db, scope, null);
  while (pending) {
    const rows: Row[] = rowsOf<Row>(await pending);
    pending = null;
    if (rows.length === CONVERSATIONS_CSV_BATCH) {
      const last: Row = rows[rows.length - 1];
      // Keyset at full precision: timestamps are milliseconds, as stored (precision 3).
      pending = batch(db, scope, { createdAt: new Date(last.created_at).toISOString(), id: last.id });
      // A consumer that stops early (the download cancelled) leaves it unread: never unhandled.
      pending.catch(() => undefined);
    }
    if (rows.length > 0) yield writeCsv(rows.map((r) => cells(r, iso)));
  }
}
