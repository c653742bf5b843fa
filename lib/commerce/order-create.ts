import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
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
import { describeComponents, deriveSetStock, loadSetComponents } from './sets';
import { reserveStock } from './stock-reservation';

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
  /** A set: what it holds ("2 × Straw sun hat, Canvas tote"). */
  includes?: string;
};

/**
 * Products (and their variants) and sets visible on the store with stock left, for the cart.
 * A product with variants is offered per variant (each has its own stock and price); a set
 * with its derived stock and its components.
 */
export async function searchOrderableItems(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof orderItemSearchInput>): Promise<OrderableItem[]> {
  return (await searchOrderable(db, ctx, input)).products;
}

/**
 * The cart's search with what it left out: matches hidden from the store and matches with
 * nothing in stock are counted (as the share search does), so the picker can say why
 * something the agent typed is not offered.
 */
export async function searchOrderable(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof orderItemSearchInput>) {
  const matches = await db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), productSearchCondition(input.q)))
    .orderBy(asc(products.name))
    .limit(50);
  const rows = matches.filter((p) => p.visibleOnStore);
  const hidden = matches.length - rows.length;
  if (!rows.length) return { products: [] as OrderableItem[], hidden, soldOut: 0 };
  const variants = await db
    .select()
    .from(productVariants)
    .where(and(eq(productVariants.workspaceId, ctx.workspaceId), inArray(productVariants.productId, rows.map((r) => r.id))))
    .orderBy(asc(productVariants.position), asc(productVariants.name));
  const components = await loadSetComponents(db, ctx, rows.filter((r) => r.kind === 'set').map((r) => r.id));
  const items: OrderableItem[] = [];
  let soldOut = 0;
  for (const p of rows) {
    const before = items.length;
    const base = { productId: p.id, variantId: null, name: p.name, sku: p.sku, priceMinor: p.priceMinor, currency: p.currency, price: formatMoney(p.priceMinor, p.currency) };
    const own = variants.filter((v) => v.productId === p.id);
    if (p.kind === 'set') {
      const parts = components.get(p.id) ?? [];
      const stock = deriveSetStock(parts);
      if (stock > 0) items.push({ ...base, stock, includes: describeComponents(parts) });
    } else if (own.length === 0) {
      if (p.stock > 0) items.push({ ...base, stock: p.stock });
    } else {
      for (const v of own) {
        if (v.stock <= 0) continue;
        const priceMinor = v.priceMinor ?? p.priceMinor;
        items.push({ ...base, variantId: v.id, name: `${p.name} (${v.name})`, sku: v.sku, priceMinor, price: formatMoney(priceMinor, p.currency), stock: v.stock });
      }
    }
    if (items.length === before) soldOut += 1;
  }
  return { products: items, hidden, soldOut };
}

/** The workspace's enabled collection points, for the pickup choice. */
export async function listEnabledCollectionPoints(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>) {
  return db
    .select({ id: collectionPoints.id, name: collectionPoints.name, address: collectionPoints.address, openingHours: collectionPoints.openingHours })
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

/** The text the customer receives: items, total, delivery or pickup, order number. */
export function orderSummaryText(o: {
  number: number;
  lines: { name: string; quantity: number; unitPriceMinor: number; components?: { name: string; quantity: number }[] | null }[];
  totalMinor: number;
  currency: string;
  delivery: { address: string; name?: string } | null;
  pickup: { name: string; address: string; openingHours?: string | null } | null;
  notes?: string | null;
}): string {
  const parts = [`Your order #${o.number}`, ''];
  for (const l of o.lines) {
    parts.push(`• ${l.quantity} × ${l.name} — ${formatMoney(l.unitPriceMinor * l.quantity, o.currency)}`);
    // A set says what is in it, so the customer knows what the bundle holds.
    if (l.components?.length) parts.push(`  (${describeComponents(l.components)})`);
  }
  parts.push('', `Total: ${formatMoney(o.totalMinor, o.currency)}`);
  if (o.pickup) parts.push(`Pickup: ${o.pickup.name}, ${o.pickup.address}${o.pickup.openingHours ? ` (open ${o.pickup.openingHours})` : ''}`);
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
    let pickup: { id: string; name: string; address: string; openingHours: string | null } | null = null;
    if (input.fulfilment.kind === 'pickup') {
      const [point] = await tx
        .select({ id: collectionPoints.id, name: collectionPoints.name, address: collectionPoints.address, openingHours: collectionPoints.openingHours })
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

    const lines = await reserveStock(
      tx,
      ctx.workspaceId,
      input.items.map((i) => ({ productId: i.productId, variantId: i.variantId ?? null, quantity: i.quantity })),
      { requireVisible: true },
    );
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
        source: 'agent',
        totalMinor,
        currency,
        delivery,
        collectionPointId: pickup?.id ?? null,
        notes: input.notes ?? null,
      })
      .returning();
    await tx.insert(orderItems).values(
      lines.map((l) => ({ orderId: order.id, productId: l.productId, variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, components: l.components })),
    );
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
