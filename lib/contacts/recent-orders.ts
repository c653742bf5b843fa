import type { DbOrTx } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { ordersOfContact } from '@/lib/commerce/orders';

export type RecentOrder = {
  id: string;
  /** The shop's order number as customers know it ("#1052"). */
  number: string;
  placedAt: string;
  status: string;
  /** In major units (฿1,290.00 → 1290). */
  total: { amount: number; currency: string };
};

/** A customer's latest orders for the panel, newest first (workspace-filtered). */
export async function listRecentOrders(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, contactId: string, limit = 5): Promise<RecentOrder[]> {
  const rows = await ordersOfContact(db, ctx.workspaceId, contactId, limit);
  return rows.map((o) => ({
    id: o.id,
    number: `#${o.number}`,
    placedAt: o.createdAt.toISOString(),
    status: o.status.replace('_', ' '),
    total: { amount: o.totalMinor / 100, currency: o.currency },
  }));
}
