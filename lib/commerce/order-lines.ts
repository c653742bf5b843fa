import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orderItems, type OrderItemComponent } from '@/db/schema';
import { describeComponents } from './set-rules';

// The short form of an order's items for lists (the Orders page, the customer panel's recent
// orders): what was ordered and, for a set line, what one set held when it was ordered.

export type OrderLineSummary = {
  id: string;
  name: string;
  quantity: number;
  /** A set line: one set's contents as ordered ("2 × Straw sun hat, Canvas tote"); null otherwise. */
  setContents: string | null;
};

/** What a set line held, from its stored components; null for a product line. */
export function setContentsOf(components: OrderItemComponent[] | null): string | null {
  return components?.length ? describeComponents(components) : null;
}

/**
 * The lines of the given orders, by order id, each order's lines by name. The ids must come
 * from a workspace-filtered query: order items carry no workspace of their own.
 */
export async function loadOrderLines(db: DbOrTx, orderIds: string[]): Promise<Map<string, OrderLineSummary[]>> {
  const byOrder = new Map<string, OrderLineSummary[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .select({ id: orderItems.id, orderId: orderItems.orderId, name: orderItems.name, quantity: orderItems.quantity, components: orderItems.components })
    .from(orderItems)
    .where(inArray(orderItems.orderId, orderIds))
    .orderBy(asc(orderItems.name), asc(orderItems.id));
  for (const r of rows) byOrder.get(r.orderId)?.push({ id: r.id, name: r.name, quantity: r.quantity, setContents: setContentsOf(r.components) });
  return byOrder;
}
