import type { DbOrTx } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { formatMoney } from '@/lib/commerce/money';
import { loadOrderLines, type OrderLineSummary } from '@/lib/commerce/order-lines';
import { ordersOfContact } from '@/lib/commerce/orders';

export type RecentOrder = {
  id: string;
  /** The shop's order number as customers know it ("#1052"). */
  number: string;
  placedAt: string;
  status: string;
  /** Formatted in the currency's own decimals ("฿1,290.00", "¥1,290", "BHD 1.250"). */
  total: string;
  lines: OrderLineSummary[];
};

/** A customer's latest orders for the panel, newest first (workspace-filtered). */
export async function listRecentOrders(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, contactId: string, limit = 5): Promise<RecentOrder[]> {
  const rows = await ordersOfContact(db, ctx.workspaceId, contactId, limit);
  const lines = await loadOrderLines(db, rows.map((o) => o.id));
  return rows.map((o) => ({
    id: o.id,
    number: `#${o.number}`,
    placedAt: o.createdAt.toISOString(),
    status: o.status.replace('_', ' '),
    total: formatMoney(o.totalMinor, o.currency),
    lines: lines.get(o.id) ?? [],
  }));
}
