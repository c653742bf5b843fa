import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { collectionPoints, orderItems, orders, products, productVariants } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { contactUpdated } from '@/lib/contacts/realtime';
import { UserError } from '@/lib/errors';
import { sendAgentMessage } from '@/lib/inbox/send-agent-message';
import { publish } from '@/lib/realtime/publisher';
import { formatMoney } from './money';
import { productSearchCondition } from './product-search';
import { refreshPurchaseData } from './order-purchase-data';

// "Create order" in the conversation: the agent builds the customer's cart from what is on
// the store and in stock, picks delivery or a collection point, and the order, its stock
// reservation, the summary message and the customer's purchase data are one transaction.

export const orderItemSearchInput = z.object({ q: z.string().trim().max(100).default('') });

/** One line the agent can add to the cart: a product without variants, or one variant. */
export type OrderableItem = {
  productId: string;
  variantId: string | null;
  name: string;
  sku: string;
  priceMinor: number;
  currency: string;
  price: string;
  stock: number;
};

/**
 * Products (and their variants) visible on the store with stock left, for the cart. A
 * product with variants is offered per variant (each has its own stock and price).
 */
export async function searchOrderableItems(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof orderItemSearchInput>): Promise<OrderableItem[]> {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), eq(products.visibleOnStore, true), productSearchCondition(input.q)))
    .orderBy(asc(products.name))
    .limit(50);
  if (!rows.length) return [];
  const variants = await db
    .select()
    .from(productVariants)
    .where(and(eq(productVariants.workspaceId, ctx.workspaceId), inArray(productVariants.productId, rows.map((r) => r.id))))
    .orderBy(asc(productVariants.position), asc(productVariants.name));
  const items: OrderableItem[] = [];
  for (const p of rows) {
    const own = variants.filter((v) => v.productId === p.id);
    if (own.length === 0) {
      if (p.stock > 0) items.push({ productId: p.id, variantId: null, name: p.name, sku: p.sku, priceMinor: p.priceMinor, currency: p.currency, price: formatMoney(p.priceMinor, p.currency), stock: p.stock });
      continue;
    }
    for (const v of own) {
      if (v.stock <= 0) continue;
      const priceMinor = v.priceMinor ?? p.priceMinor;
      items.push({ productId: p.id, variantId: v.id, name: `${p.name} (${v.name})`, sku: v.sku, priceMinor, currency: p.currency, price: formatMoney(priceMinor, p.currency), stock: v.stock });
    }
  }
  return items;
}

/** The workspace's enabled collection points, for the pickup choice. */
export async function listEnabledCollectionPoints(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>) {
  return db
    .select({ id: collectionPoints.id, name: collectionPoints.name, address: collectionPoints.address })
    .from(collectionPoints)
    .where(and(eq(collectionPoints.workspaceId, ctx.workspaceId), eq(collectionPoints.enabled, true)))
    .orderBy(asc(collectionPoints.name));
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const createOrderInput = z
  .object({
    conversationId: z.uuid(),
    items: z
      .array(
        z.object({
          productId: z.uuid(),
          variantId: z.uuid().nullable().optional(),
          quantity: z.coerce.number().int('Quantities are whole numbers').min(1, 'Quantities start at 1').max(999),
        }),
      )
      .min(1, 'Add at least one product to the order')
      .max(50),
    fulfilment: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('delivery'),
        address: z.string().trim().min(1, 'Enter the delivery address').max(500),
        name: optionalText(120),
        phone: optionalText(40),
      }),
      z.object({ kind: z.literal('pickup'), collectionPointId: z.uuid('Choose a collection point') }),
    ]),
    notes: optionalText(1000),
  });
export type CreateOrderInput = z.input<typeof createOrderInput>;

type Line = { productId: string; variantId: string | null; sku: string; name: string; quantity: number; unitPriceMinor: number; currency: string };

/**
 * Reserves every line with one conditional update each (`stock >= quantity`), in a fixed
 * order so two carts never deadlock. A line that matches nothing fails the whole order
 * (the caller's transaction rolls back every earlier reservation) with "X has only N left".
 */
async function reserveLines(tx: Tx, workspaceId: string, input: z.infer<typeof createOrderInput>['items']): Promise<Line[]> {
  // The same product/variant twice in a cart is one line.
  const merged = new Map<string, { productId: string; variantId: string | null; quantity: number }>();
  for (const item of input) {
    const key = `${item.productId}:${item.variantId ?? ''}`;
    const prev = merged.get(key);
    merged.set(key, { productId: item.productId, variantId: item.variantId ?? null, quantity: (prev?.quantity ?? 0) + item.quantity });
  }
  const wanted = [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);

  const productRows = await tx
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...new Set(wanted.map((w) => w.productId))])));
  const lines: Line[] = [];
  for (const w of wanted) {
    const product = productRows.find((p) => p.id === w.productId);
    if (!product) throw new UserError('not_found', 'A product in this order no longer exists. Remove it and try again.');
    if (!product.visibleOnStore) throw new UserError('conflict', `${product.name} is hidden from the store, so it cannot be ordered.`);
    if (w.variantId) {
      const [variant] = await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} - ${w.quantity}` })
        .where(and(eq(productVariants.id, w.variantId), eq(productVariants.productId, product.id), eq(productVariants.workspaceId, workspaceId), gte(productVariants.stock, w.quantity)))
        .returning();
      if (!variant) {
        const [left] = await tx
          .select({ name: productVariants.name, stock: productVariants.stock })
          .from(productVariants)
          .where(and(eq(productVariants.id, w.variantId), eq(productVariants.productId, product.id)));
        if (!left) throw new UserError('not_found', `This option of ${product.name} no longer exists. Remove it and try again.`);
        throw outOfStock(`${product.name} (${left.name})`, left.stock);
      }
      lines.push({ productId: product.id, variantId: variant.id, sku: variant.sku, name: `${product.name} (${variant.name})`, quantity: w.quantity, unitPriceMinor: variant.priceMinor ?? product.priceMinor, currency: product.currency });
    } else {
      const [hasVariants] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, product.id)).limit(1);
      if (hasVariants) throw new UserError('invalid', `Choose an option of ${product.name}.`);
      const [reserved] = await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${w.quantity}`, updatedAt: new Date() })
        .where(and(eq(products.id, product.id), gte(products.stock, w.quantity)))
        .returning({ stock: products.stock });
      if (!reserved) {
        const [left] = await tx.select({ stock: products.stock }).from(products).where(eq(products.id, product.id));
        throw outOfStock(product.name, left?.stock ?? 0);
      }
      lines.push({ productId: product.id, variantId: null, sku: product.sku, name: product.name, quantity: w.quantity, unitPriceMinor: product.priceMinor, currency: product.currency });
    }
  }
  return lines;
}

function outOfStock(name: string, left: number) {
  return new UserError('conflict', left <= 0 ? `${name} is out of stock.` : `${name} has only ${left} left.`);
}

/** The text the customer receives: items, total, delivery or pickup, order number. */
export function orderSummaryText(o: {
  number: number;
  lines: { name: string; quantity: number; unitPriceMinor: number }[];
  totalMinor: number;
  currency: string;
  delivery: { address: string; name?: string } | null;
  pickup: { name: string; address: string } | null;
  notes?: string | null;
}): string {
  const parts = [`Your order #${o.number}`, ''];
  for (const l of o.lines) parts.push(`• ${l.quantity} × ${l.name} — ${formatMoney(l.unitPriceMinor * l.quantity, o.currency)}`);
  parts.push('', `Total: ${formatMoney(o.totalMinor, o.currency)}`);
  if (o.pickup) parts.push(`Pickup: ${o.pickup.name}, ${o.pickup.address}`);
  else if (o.delivery) parts.push(`Delivery to: ${o.delivery.name ? `${o.delivery.name}, ` : ''}${o.delivery.address}`);
  if (o.notes) parts.push(`Notes: ${o.notes}`);
  parts.push('', 'Status: pending payment');
  return parts.join('\n');
}

export type CreatedOrder = { orderId: string; orderNumber: number; total: string; messageId: string };

/**
 * Creates the order from the conversation. One transaction (the one sendAgentMessage holds
 * with the conversation's lock): stock reserved for every line or none, the order and its
 * items, the summary message queued to the customer, the customer's purchase data, an audit
 * row. The customer panel is told after commit.
 */
export async function createConversationOrder(db: Db, ctx: ActorContext, raw: CreateOrderInput): Promise<CreatedOrder> {
  const input = createOrderInput.parse(raw);
  let created: { orderId: string; orderNumber: number; total: string; contactId: string | null } | null = null;
  const sent = await sendAgentMessage(db, ctx, input.conversationId, async ({ conversation }, tx) => {
    let pickup: { id: string; name: string; address: string } | null = null;
    if (input.fulfilment.kind === 'pickup') {
      const [point] = await tx
        .select({ id: collectionPoints.id, name: collectionPoints.name, address: collectionPoints.address })
        .from(collectionPoints)
        .where(and(eq(collectionPoints.id, input.fulfilment.collectionPointId), eq(collectionPoints.workspaceId, ctx.workspaceId), eq(collectionPoints.enabled, true)))
        .limit(1);
      if (!point) throw new UserError('not_found', 'This collection point is not available. Choose another one.');
      pickup = point;
    }
    const delivery =
      input.fulfilment.kind === 'delivery'
        ? { address: input.fulfilment.address, ...(input.fulfilment.name ? { name: input.fulfilment.name } : {}), ...(input.fulfilment.phone ? { phone: input.fulfilment.phone } : {}) }
        : null;

    const lines = await reserveLines(tx, ctx.workspaceId, input.items);
    const currency = lines[0].currency;
    if (lines.some((l) => l.currency !== currency)) throw new UserError('invalid', 'All products in one order must have the same currency.');
    const totalMinor = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);

    const [order] = await tx
      .insert(orders)
      .values({
        workspaceId: ctx.workspaceId,
        contactId: conversation.contactId,
        conversationId: conversation.id,
        status: 'pending_payment',
        totalMinor,
        currency,
        delivery,
        collectionPointId: pickup?.id ?? null,
        notes: input.notes ?? null,
      })
      .returning();
    await tx.insert(orderItems).values(lines.map((l) => ({ orderId: order.id, productId: l.productId, variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })));
    if (conversation.contactId) await refreshPurchaseData(tx, ctx.workspaceId, conversation.contactId);
    await writeAudit(tx, ctx, 'order.created', { type: 'order', id: order.id }, { number: order.number, conversationId: conversation.id, totalMinor, currency, lines: lines.length });
    created = { orderId: order.id, orderNumber: order.number, total: formatMoney(totalMinor, currency), contactId: conversation.contactId };
    return {
      content: { kind: 'text', text: orderSummaryText({ number: order.number, lines, totalMinor, currency, delivery, pickup, notes: input.notes }) },
      payloadExtra: { orderId: order.id },
    };
  });
  const done = created as { orderId: string; orderNumber: number; total: string; contactId: string | null } | null;
  if (!done) throw new Error('The order was not created');
  if (done.contactId) await publish([contactUpdated(ctx.workspaceId, done.contactId, new Date())]);
  return { orderId: done.orderId, orderNumber: done.orderNumber, total: done.total, messageId: sent.messageId };
}
