import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { collectionPoints, contacts, conversations, orderItems, orders, products, productVariants, type DeliveryDetails, type OrderStatus } from '@/db/schema';
import { refreshPurchaseData } from '@/lib/commerce/order-purchase-data';
import { restockItems } from '@/lib/commerce/order-status';
import { reserveStock } from '@/lib/commerce/stock-reservation';
import { D, H } from './demo-script';

// The Orders page on a fresh install: orders in every status, delivered or picked up at
// each collection point, placed by customers whose conversations talk about them. Their
// numbers are the ones those conversations quote ("my order #1047 still says preparing"),
// so the customer panel, the conversation and the Orders page tell one story.

export type DemoCollectionPoint = 'Siam Square store' | 'Chatuchak pickup';

export type DemoOrder = {
  number: number;
  customer: string;
  status: OrderStatus;
  /** Minutes before the seed's `now` the order was placed, and last changed. */
  placed: number;
  changed: number;
  /** Product or variant SKUs of the demo catalogue (demo-flows.ts). */
  items: { sku: string; quantity: number }[];
  fulfilment: { delivery: DeliveryDetails } | { pickup: DemoCollectionPoint };
  notes?: string;
};

export const DEMO_ORDERS: DemoOrder[] = [
  {
    number: 1028,
    customer: 'Grace Villanueva',
    status: 'fulfilled',
    placed: 8 * D + H + 5,
    changed: 7 * D + 3 * H,
    items: [{ sku: 'CANVAS-TOTE', quantity: 2 }],
    fulfilment: { delivery: { name: 'Grace Villanueva', phone: '+63 917 123 4567', address: '21 Jupiter St, Bel-Air, Makati City 1209, Philippines' } },
  },
  {
    number: 1047,
    customer: 'Nattapong Wongsa',
    status: 'paid',
    placed: 4 * D + 2 * H,
    changed: 4 * D + H,
    items: [
      { sku: 'LINEN-SHIRT-M', quantity: 1 },
      { sku: 'STRAW-HAT', quantity: 1 },
    ],
    fulfilment: { delivery: { name: 'Nattapong Wongsa', address: '45 Soi Ari 4, Phaya Thai, Bangkok 10400' } },
  },
  {
    number: 1049,
    customer: 'Wichai Pornprasert',
    status: 'pending_payment',
    placed: 2 * D + 6 * H,
    changed: 2 * D + 6 * H,
    // ฿1,190 + ฿790 = ฿1,980, the total Ben quotes in the conversation.
    items: [
      { sku: 'BEACH-DAY-SET', quantity: 1 },
      { sku: 'STRAW-HAT', quantity: 1 },
    ],
    fulfilment: { pickup: 'Siam Square store' },
  },
  {
    number: 1051,
    customer: 'Nok Saelim',
    status: 'pending_payment',
    placed: D + 3 * H,
    changed: D + 3 * H,
    items: [{ sku: 'CANVAS-TOTE', quantity: 1 }],
    fulfilment: { delivery: { name: 'Nok Saelim', phone: '+66 92 345 6710', address: '12 Sukhumvit Soi 39, Khlong Tan Nuea, Watthana, Bangkok 10110' } },
  },
  {
    number: 1053,
    customer: 'Aom Thanaporn',
    status: 'fulfilled',
    placed: 2 * D + H + 35,
    changed: D + 5 * H,
    items: [{ sku: 'LINEN-SHIRT-S', quantity: 1 }],
    fulfilment: { delivery: { name: 'Aom Thanaporn', address: '8 Ari Samphan 2, Phaya Thai, Bangkok 10400' } },
    notes: 'A birthday gift: please add a gift note.',
  },
  {
    number: 1054,
    customer: 'Yui Tanaka',
    status: 'paid',
    placed: 20 * H,
    changed: 20 * H - 2,
    items: [{ sku: 'STRAW-HAT', quantity: 1 }],
    fulfilment: { pickup: 'Chatuchak pickup' },
  },
  {
    number: 1055,
    customer: 'Mint Chaiyasit',
    status: 'paid',
    placed: 3 * H + 35,
    changed: 2 * H - 5,
    // 2 × ฿1,290 = ฿2,580, what she transferred.
    items: [{ sku: 'LINEN-SHIRT-M', quantity: 2 }],
    fulfilment: { delivery: { name: 'Mint Chaiyasit', address: '99/1 Rama IX Rd, Huai Khwang, Bangkok 10310' } },
  },
  {
    number: 1056,
    customer: 'Oat Chaiwat',
    status: 'cancelled',
    placed: 15,
    changed: 9,
    items: [
      { sku: 'CANVAS-TOTE', quantity: 1 },
      { sku: 'STRAW-HAT', quantity: 1 },
    ],
    fulfilment: { delivery: { name: 'Oat Chaiwat', address: '300 Phahonyothin Rd, Chatuchak, Bangkok 10900' } },
  },
];

const MINUTE = 60_000;

/**
 * Inside seedDemoShop's transaction, after the catalogue and the conversations. Each order's
 * lines are built by the reservation live orders use (names, prices, a set's components as
 * ordered), and its units are then handed back: the catalogue's stock numbers are what is on
 * the shelf now, after these orders. Each customer's purchase data is recomputed from them.
 */
export async function seedDemoOrders(tx: Tx, args: { workspaceId: string; now: Date }): Promise<void> {
  const { workspaceId, now } = args;
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

  const catalogue = new Map<string, { productId: string; variantId: string | null }>();
  for (const p of await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.workspaceId, workspaceId))) {
    catalogue.set(p.sku, { productId: p.id, variantId: null });
  }
  for (const v of await tx
    .select({ id: productVariants.id, sku: productVariants.sku, productId: productVariants.productId })
    .from(productVariants)
    .where(eq(productVariants.workspaceId, workspaceId))) {
    catalogue.set(v.sku, { productId: v.productId, variantId: v.id });
  }
  const points = new Map(
    (await tx.select({ id: collectionPoints.id, name: collectionPoints.name }).from(collectionPoints).where(eq(collectionPoints.workspaceId, workspaceId))).map(
      (p) => [p.name, p.id],
    ),
  );

  const customers = new Set<string>();
  for (const spec of DEMO_ORDERS) {
    const fail = (why: string): never => {
      throw new Error(`Demo order #${spec.number}: ${why}`);
    };
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.name, spec.customer)))
      .limit(1);
    if (!contact) fail(`no demo customer ${spec.customer}`);
    // The conversation the order belongs to: the customer's latest.
    const [conversation] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contact.id)))
      .orderBy(desc(conversations.createdAt))
      .limit(1);

    const requests = spec.items.map((item) => ({ ...(catalogue.get(item.sku) ?? fail(`no product or variant ${item.sku}`)), quantity: item.quantity }));
    const lines = await reserveStock(tx, workspaceId, requests, { requireVisible: true });
    await restockItems(tx, workspaceId, lines);

    const pickup = 'pickup' in spec.fulfilment ? (points.get(spec.fulfilment.pickup) ?? fail(`no collection point ${spec.fulfilment.pickup}`)) : null;
    const [order] = await tx
      .insert(orders)
      // The number the conversations quote; the sequence is moved past them below.
      .overridingSystemValue()
      .values({
        number: spec.number,
        workspaceId,
        contactId: contact.id,
        conversationId: conversation?.id ?? null,
        status: spec.status,
        totalMinor: lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0),
        currency: lines[0].currency,
        delivery: 'delivery' in spec.fulfilment ? spec.fulfilment.delivery : null,
        collectionPointId: pickup,
        notes: spec.notes ?? null,
        createdAt: ago(spec.placed),
        updatedAt: ago(spec.changed),
      })
      .returning({ id: orders.id });
    await tx.insert(orderItems).values(
      lines.map((l) => ({ orderId: order.id, productId: l.productId, variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, components: l.components })),
    );
    customers.add(contact.id);
  }
  // Orders made in the app continue after the highest number, whoever seeded what.
  await tx.execute(sql`select setval(pg_get_serial_sequence('orders', 'number'), (select max(${orders.number}) from ${orders}))`);
  for (const contactId of customers) await refreshPurchaseData(tx, workspaceId, contactId);
}
