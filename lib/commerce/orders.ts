import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { collectionPoints, orderItems, orders, products } from '@/db/schema';
import type { OrderRequest } from '@/lib/flows/engine';
import { UserError } from '@/lib/errors';
import { reserveStock, StockShortage, type ReservedLine } from './stock-reservation';

export type PlaceOrderResult =
  | { ok: true; orderId: string; orderNumber: number; totalMinor: number; currency: string }
  | { ok: false; reason: 'out_of_stock' };

/**
 * Creates a pending-payment order and reserves its stock in the caller's transaction
 * (lib/commerce/stock-reservation.ts: conditional updates; a set reserves its components).
 * The reservation runs in a savepoint: when it comes up short, whatever it had already
 * taken (a set's first components) is given back and the flow hears out_of_stock, while
 * the caller's transaction goes on. Prices are read from the catalogue here, never trusted
 * from the flow.
 */
export async function placeOrder(
  tx: Tx,
  input: { workspaceId: string; contactId: string | null; conversationId: string | null; order: OrderRequest; notes?: string },
): Promise<PlaceOrderResult> {
  const { order } = input;
  if (!Number.isInteger(order.quantity) || order.quantity < 1) throw new Error('Order quantity must be a positive integer');
  const [product] = await tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, order.productId), eq(products.workspaceId, input.workspaceId)))
    .limit(1);
  if (!product) throw new Error('The ordered product does not exist in this workspace');

  if (order.collectionPointId) {
    const [point] = await tx
      .select({ id: collectionPoints.id })
      .from(collectionPoints)
      .where(and(eq(collectionPoints.id, order.collectionPointId), eq(collectionPoints.workspaceId, input.workspaceId)))
      .limit(1);
    if (!point) throw new Error('The collection point does not exist in this workspace');
  }

  let line: ReservedLine;
  try {
    [line] = await tx.transaction((sp) =>
      reserveStock(sp, input.workspaceId, [{ productId: order.productId, variantId: order.variantId, quantity: order.quantity }], { requireVisible: false }),
    );
  } catch (e) {
    // Short stock, or the catalogue changed under the flow (an option removed, a set
    // emptied): either way the customer cannot have it now.
    if (e instanceof StockShortage || e instanceof UserError) return { ok: false, reason: 'out_of_stock' };
    throw e;
  }

  const totalMinor = line.unitPriceMinor * line.quantity;
  const [created] = await tx
    .insert(orders)
    .values({
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      conversationId: input.conversationId,
      status: 'pending_payment',
      // Only checkout flows place orders this way (agents use createConversationOrder).
      source: 'flow',
      totalMinor,
      currency: line.currency,
      delivery: order.delivery,
      collectionPointId: order.collectionPointId,
      notes: input.notes ?? null,
    })
    .returning();
  await tx.insert(orderItems).values({
    orderId: created.id,
    productId: line.productId,
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    components: line.components,
  });
  return { ok: true, orderId: created.id, orderNumber: created.number, totalMinor, currency: line.currency };
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
