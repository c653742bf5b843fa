import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { orderItems, orders, orderStatuses, products, productVariants, type OrderStatus } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { contactUpdated } from '@/lib/contacts/realtime';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { refreshPurchaseData } from './order-purchase-data';

/** Which statuses an order may move to from each status. */
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

export const orderStatusLabels: Record<OrderStatus, string> = {
  pending_payment: 'Pending payment',
  paid: 'Paid',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

export const changeOrderStatusInput = z.object({
  orderId: z.uuid(),
  to: z.enum(orderStatuses),
  /** The status the agent saw; a change made by someone else in between is refused. */
  from: z.enum(orderStatuses),
});

/**
 * Moves an order along pending payment → paid → fulfilled, or to cancelled. The move is one
 * conditional update (`status = from`), so two agents pressing at once cannot move it twice;
 * cancelling returns every item's reserved units to stock in the same transaction.
 */
export async function changeOrderStatus(db: Db, ctx: ActorContext, input: z.infer<typeof changeOrderStatusInput>) {
  if (!orderTransitions[input.from].includes(input.to)) {
    throw new UserError('invalid', `An order that is ${orderStatusLabels[input.from].toLowerCase()} cannot become ${orderStatusLabels[input.to].toLowerCase()}.`);
  }
  const result = await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(orders)
      .set({ status: input.to, updatedAt: new Date() })
      .where(and(eq(orders.id, input.orderId), eq(orders.workspaceId, ctx.workspaceId), eq(orders.status, input.from)))
      .returning();
    if (!moved) {
      const [current] = await tx
        .select({ status: orders.status, number: orders.number })
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.workspaceId, ctx.workspaceId)));
      if (!current) throw new UserError('not_found', 'This order does not exist.');
      throw new UserError('conflict', `Order #${current.number} is already ${orderStatusLabels[current.status].toLowerCase()}. Reload to see its current status.`);
    }
    if (input.to === 'cancelled') {
      const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, moved.id));
      await restockItems(tx, ctx.workspaceId, items);
    }
    if (moved.contactId) await refreshPurchaseData(tx, ctx.workspaceId, moved.contactId);
    await writeAudit(tx, ctx, input.to === 'cancelled' ? 'order.cancelled' : 'order.status_changed', { type: 'order', id: moved.id }, { number: moved.number, from: input.from, to: input.to });
    return moved;
  });
  if (result.contactId) await publish([contactUpdated(ctx.workspaceId, result.contactId, result.updatedAt)]);
  return { orderId: result.id, status: result.status };
}

/**
 * Returns an order's reserved units: a set line gives back its components as they were when
 * ordered (quantity × sets), whatever the set holds today. Rows are updated in the fixed
 * order the reservation uses (variants, then products, by id), so a cancel and an order
 * never deadlock. Rows deleted since are skipped.
 */
export async function restockItems(
  tx: Tx,
  workspaceId: string,
  items: Pick<typeof orderItems.$inferSelect, 'productId' | 'variantId' | 'quantity' | 'components'>[],
) {
  const units = new Map<string, { table: 'variant' | 'product'; id: string; quantity: number }>();
  const add = (table: 'variant' | 'product', id: string, quantity: number) => {
    const key = `${table === 'variant' ? 0 : 1}:${id}`;
    units.set(key, { table, id, quantity: (units.get(key)?.quantity ?? 0) + quantity });
  };
  for (const item of items) {
    if (item.components) for (const c of item.components) add(c.variantId ? 'variant' : 'product', c.variantId ?? c.productId, c.quantity * item.quantity);
    else if (item.variantId) add('variant', item.variantId, item.quantity);
    else if (item.productId) add('product', item.productId, item.quantity);
  }
  for (const [, u] of [...units.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (u.table === 'variant') {
      await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} + ${u.quantity}` })
        .where(and(eq(productVariants.id, u.id), eq(productVariants.workspaceId, workspaceId)));
    } else {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${u.quantity}`, updatedAt: new Date() })
        .where(and(eq(products.id, u.id), eq(products.workspaceId, workspaceId)));
    }
  }
}
