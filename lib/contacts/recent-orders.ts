import type { DbOrTx } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';

export type RecentOrder = {
  id: string;
  /** The shop's order number as customers know it ("#1052"). */
  number: string;
  placedAt: string;
  status: string;
  total: { amount: number; currency: string };
};

/**
 * A customer's latest orders for the panel. There is no orders table yet: the commerce
 * issue adds one and fills this in (same signature, workspace-filtered); until then a
 * customer has no orders and the panel shows no orders section.
 */
export async function listRecentOrders(_db: DbOrTx, _ctx: Pick<ActorContext, 'workspaceId'>, _contactId: string, _limit = 5): Promise<RecentOrder[]> {
  return [];
}
