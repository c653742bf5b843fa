import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { collectionPoints, orderItems, orders, products, productVariants } from '@/db/schema';
import type { OrderRequest } from '@/lib/flows/engine';

export type PlaceOrderResult =
  | { ok: true; orderId: string; orderNumber: number; totalMinor: number; currency: string }
  | { ok: false; reason: 'out_of_stock' };

/**
 * Creates a pending-payment order and reserves its stock in the caller's transaction. The
 * reservation is one conditional update (`stock >= quantity`): when two orders race for
 * the last unit, the second waits on the row lock, re-checks, matches nothing and gets
 * out_of_stock. Prices are read from the catalogue here, never trusted from the flow.
 */
export async function placeOrder(
  tx: Tx,
  input: { workspaceId: string; contactId: string | null; conversationId: string | null; order: OrderRequest; notes?: string },
): Promise<PlaceOrderResult> {
  const { order } = input;
  if (!Number.isInteger(order.quantity) || order.quantity < 1) throw new Error('Order quantity must be a positive integer');
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, order.productId), eq(products.workspaceId, input.workspaceId)))
    .limit(1);
  if (!product) throw new Error('The ordered product does not exist in this workspace');

  let unitPriceMinor = product.priceMinor;
  let sku = product.sku;
  let name = product.name;
  if (order.variantId) {
    const [variant] = await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} - ${order.quantity}` })
      .where(
        and(
          eq(productVariants.id, order.variantId),
          eq(productVariants.productId, product.id),
          eq(productVariants.workspaceId, input.workspaceId),
          gte(productVariants.stock, order.quantity),
        ),
      )
      .returning();
    if (!variant) return { ok: false, reason: 'out_of_stock' };
    unitPriceMinor = variant.priceMinor ?? product.priceMinor;
    sku = variant.sku;
    name = `${product.name} (${variant.name})`;
  } else {
    const [reserved] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${order.quantity}`, updatedAt: new Date() })
      .where(and(eq(products.id, product.id), gte(products.stock, order.quantity)))
      .returning({ id: products.id });
    if (!reserved) return { ok: false, reason: 'out_of_stock' };
  }

  if (order.collectionPointId) {
    const [point] = await tx
      .select({ id: collectionPoints.id })
      .from(collectionPoints)
      .where(and(eq(collectionPoints.id, order.collectionPointId), eq(collectionPoints.workspaceId, input.workspaceId)))
      .limit(1);
    if (!point) throw new Error('The collection point does not exist in this workspace');
  }

  const totalMinor = unitPriceMinor * order.quantity;
  const [created] = await tx
    .insert(orders)
    .values({
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      conversationId: input.conversationId,
      status: 'pending_payment',
      totalMinor,
      currency: product.currency,
      delivery: order.delivery,
      collectionPointId: order.collectionPointId,
      notes: input.notes ?? null,
    })
    .returning();
  await tx.insert(orderItems).values({
    orderId: created.id,
    productId: product.id,
    variantId: order.variantId,
    sku,
    name,
    quantity: order.quantity,
    unitPriceMinor,
  });
  return { ok: true, orderId: created.id, orderNumber: created.number, totalMinor, currency: product.currency };
}

/** A contact's latest orders (workspace-filtered), newest first. */
export async function ordersOfContact(db: DbOrTx, workspaceId: string, contactId: string, limit = 5) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.contactId, contactId)))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}
