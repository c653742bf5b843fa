import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversationFilters, rowsOf, toNumber, type ReportScope } from './filters';

export type SalesReport = {
  /** Orders created in conversations in the range, by who created them and currency; cancelled ones counted apart. */
  orders: { source: 'agent' | 'flow' | 'other'; currency: string; orders: number; cancelled: number; revenueMinor: number }[];
  /** Revenue (cancelled orders left out) per currency. */
  revenue: { currency: string; revenueMinor: number; orders: number }[];
  /** Products shared in conversations in the range, and how many of those conversations then ordered them. */
  sharedProducts: { productId: string | null; name: string; shared: number; bought: number }[];
};

export async function salesReport(db: DbOrTx, scope: ReportScope): Promise<SalesReport> {
  const where = conversationFilters(scope);
  const [orderRows, shareRows] = await Promise.all([
    db.execute(sql`
      select coalesce(o.source, 'other') as source, o.currency, count(*) as n,
        count(*) filter (where o.status = 'cancelled') as cancelled,
        coalesce(sum(o.total_minor) filter (where o.status <> 'cancelled'), 0) as revenue
      from orders o join conversations c on c.id = o.conversation_id
      where o.workspace_id = ${scope.workspaceId} and o.created_at >= ${scope.from} and o.created_at < ${scope.to} and ${where}
      group by 1, 2 order by 1, 2`),
    // A share names its product in the Buy payload (BUY:<id>); older cards only by SKU.
    db.execute(sql`
      with shares as (
        select distinct on (m.conversation_id, p.id, coalesce(p.id::text, m.body)) m.conversation_id, m.created_at, p.id as product_id, coalesce(p.name, m.body, 'Unknown product') as name
        from messages m join conversations c on c.id = m.conversation_id
          left join products p on p.workspace_id = m.workspace_id and (
            p.id::text = substring(m.payload->'outbound'->'product'->>'buyPayload' from 5)
            or (m.payload->'outbound' is null and p.sku = m.payload->>'sku'))
        where m.workspace_id = ${scope.workspaceId} and m.kind = 'product' and m.direction = 'outbound'
          and m.created_at >= ${scope.from} and m.created_at < ${scope.to} and ${where}
        order by m.conversation_id, p.id, coalesce(p.id::text, m.body), m.created_at
      )
      select s.product_id, s.name, count(*) as shared,
        count(*) filter (where s.product_id is not null and exists (
          select 1 from orders o join order_items i on i.order_id = o.id
          where o.conversation_id = s.conversation_id and o.created_at >= s.created_at and o.status <> 'cancelled'
            and i.product_id = s.product_id
        )) as bought
      from shares s group by 1, 2 order by 3 desc, 2`),
  ]);
  const orders = rowsOf<{ source: 'agent' | 'flow' | 'other'; currency: string; n: string; cancelled: string; revenue: string }>(orderRows).map((r) => ({
    source: r.source,
    currency: r.currency,
    orders: toNumber(r.n),
    cancelled: toNumber(r.cancelled),
    revenueMinor: toNumber(r.revenue),
  }));
  const revenue = new Map<string, { currency: string; revenueMinor: number; orders: number }>();
  for (const o of orders) {
    const r = revenue.get(o.currency) ?? { currency: o.currency, revenueMinor: 0, orders: 0 };
    r.revenueMinor += o.revenueMinor;
    r.orders += o.orders - o.cancelled;
    revenue.set(o.currency, r);
  }
  return {
    orders,
    revenue: [...revenue.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    sharedProducts: rowsOf<{ product_id: string | null; name: string; shared: string; bought: string }>(shareRows).map((r) => ({
      productId: r.product_id,
      name: r.name,
      shared: toNumber(r.shared),
      bought: toNumber(r.bought),
    })),
  };
}
