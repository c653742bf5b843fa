import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { collectionPoints, orderItems, orders, productSetItems, products, productVariants } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { loadCatalogue } from '@/lib/commerce/catalogue';
import { createConversationOrder, searchOrderableItems } from '@/lib/commerce/order-create';
import { getOrderDetail, listOrders } from '@/lib/commerce/order-list';
import { listRecentOrders } from '@/lib/contacts/recent-orders';
import { changeOrderStatus } from '@/lib/commerce/order-status';
import { placeOrder } from '@/lib/commerce/orders';
import { searchShareableProducts, shareProduct } from '@/lib/commerce/share-product';
import { UserError } from '@/lib/errors';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { addMember, createConversation, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// Sets (bundles) sold in conversations: searched and shared like products when their
// components make at least one set, ordered by reserving the components.

let fakes: FakePlatforms;
let world: ChannelWorld;
let ctx: ActorContext;
let ws: string;
let hat: string;
let tote: string;
let shirtM: string;
let kit: string;

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  ws = world.workspace.id;
  const user = await createUser(getDb(), 'Ana');
  await addMember(getDb(), ws, user.id, 'agent');
  ctx = { workspaceId: ws, actor: { id: user.id, name: 'Ana', email: user.email, role: 'agent' } };
  const rows = await getDb()
    .insert(products)
    .values([
      { workspaceId: ws, sku: 'HAT', name: 'Straw hat', priceMinor: 79000, currency: 'THB', stock: 3 },
      // Components need not be on the store themselves.
      { workspaceId: ws, sku: 'TOTE', name: 'Canvas tote', priceMinor: 59000, currency: 'THB', stock: 2, visibleOnStore: false },
      { workspaceId: ws, sku: 'SHIRT', name: 'Linen shirt', priceMinor: 129000, currency: 'THB', stock: 0 },
      { workspaceId: ws, kind: 'set', sku: 'KIT', name: 'Summer kit', description: 'Beach ready.', hashtags: ['summer'], priceMinor: 150000, currency: 'THB', images: ['https://img.test/kit.jpg'] },
      { workspaceId: ws, kind: 'set', sku: 'HIDDEN-KIT', name: 'Summer hidden kit', hashtags: ['summer'], priceMinor: 1, currency: 'THB', visibleOnStore: false },
      { workspaceId: ws, kind: 'set', sku: 'BIG-KIT', name: 'Summer big kit', hashtags: ['summer'], priceMinor: 1, currency: 'THB' },
    ])
    .returning();
  const id = (sku: string) => rows.find((r) => r.sku === sku)!.id;
  [hat, tote, kit] = [id('HAT'), id('TOTE'), id('KIT')];
  [{ id: shirtM }] = await getDb().insert(productVariants).values({ workspaceId: ws, productId: id('SHIRT'), sku: 'SHIRT-M', name: 'M', stock: 4 }).returning();
  await getDb()
    .insert(productSetItems)
    .values([
      // Summer kit: a hat, a tote and two shirts in M → min(3, 2, 2) = 2 kits.
      { workspaceId: ws, setProductId: kit, productId: hat, quantity: 1, position: 0 },
      { workspaceId: ws, setProductId: kit, productId: tote, quantity: 1, position: 1 },
      { workspaceId: ws, setProductId: kit, productId: id('SHIRT'), variantId: shirtM, quantity: 2, position: 2 },
      { workspaceId: ws, setProductId: id('HIDDEN-KIT'), productId: hat, quantity: 1 },
      // Three totes per big kit: there are only two.
      { workspaceId: ws, setProductId: id('BIG-KIT'), productId: tote, quantity: 3 },
    ]);
});

const stockOf = async (productId: string) => (await getDb().select({ stock: products.stock }).from(products).where(eq(products.id, productId)))[0].stock;
const variantStock = async (variantId: string) => (await getDb().select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)))[0].stock;
const orderKit = (conversationId: string, quantity = 1, extra: { productId: string; quantity: number }[] = []) =>
  createConversationOrder(getDb(), ctx, { conversationId, items: [{ productId: kit, quantity }, ...extra], fulfilment: { kind: 'delivery', address: '9 Sukhumvit Rd' } });

describe('sets in search and share', () => {
  it('search offers a visible set with derived stock; hidden and out-of-stock sets are counted, not offered', async () => {
    const shared = await searchShareableProducts(getDb(), ctx, { q: '#summer' });
    expect(shared.products).toEqual([expect.objectContaining({ sku: 'KIT', stock: 2, price: '฿1,500.00', includes: 'Straw hat, Canvas tote, 2 × Linen shirt (M)' })]);
    expect(shared).toMatchObject({ hidden: 1, soldOut: 1 });

    const orderable = await searchOrderableItems(getDb(), ctx, { q: 'kit' });
    expect(orderable).toEqual([expect.objectContaining({ productId: kit, variantId: null, sku: 'KIT', stock: 2, includes: 'Straw hat, Canvas tote, 2 × Linen shirt (M)' })]);

    // Selling the last totes on their own sells out the kit.
    await getDb().update(products).set({ stock: 0 }).where(eq(products.id, tote));
    expect((await searchShareableProducts(getDb(), ctx, { q: '#summer' })).products).toEqual([]);
    expect(await searchOrderableItems(getDb(), ctx, { q: 'kit' })).toEqual([]);
  });

  it('shares a set as a product card that says what it holds, with a Buy button for its checkout', async () => {
    const fb = world.facebook;
    await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid: '42424242424260', text: 'bundles?' }, fb.secrets.appSecret));
    await settled(fb.channel.id);
    const [conversation] = await conversationsOf(fb.channel.id);
    await shareProduct(getDb(), ctx, { conversationId: conversation.id, productId: kit, includeImage: true, includePrice: true, includeDescription: true });
    const sent = await waitFor('the set card', async () => fakes.meta.sent.find((s) => s.platform === 'facebook'));
    const element = (sent.message as { attachment: { payload: { elements: { title: string; subtitle: string; image_url: string; buttons: { payload?: string }[] }[] } } }).attachment.payload.elements[0];
    expect(element).toMatchObject({ title: 'Summer kit', image_url: 'https://img.test/kit.jpg' });
    expect(element.subtitle).toMatch(/^฿1,500\.00 · Includes: Straw hat, Canvas tote, 2 × Linen shirt \(M\)\./);
    expect(element.buttons[0].payload).toBe(`BUY:${kit}`);

    const [bigKit] = await getDb().select().from(products).where(and(eq(products.workspaceId, ws), eq(products.sku, 'BIG-KIT')));
    await expect(shareProduct(getDb(), ctx, { conversationId: conversation.id, productId: bigKit.id, includeImage: true, includePrice: true, includeDescription: true })).rejects.toThrow(
      'Summer big kit is out of stock.',
    );
  });
});

describe('ordering sets', () => {
  it('reserves every component (quantity × sets) and cancelling gives exactly that back', async () => {
    const c = await createConversation(getDb(), ws);
    const created = await orderKit(c.conversation.id, 2);
    expect(created.total).toBe('฿3,000.00');
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([1, 0, 0]);
    const [item] = await getDb().select().from(orderItems).where(eq(orderItems.orderId, created.orderId));
    expect(item).toMatchObject({ productId: kit, variantId: null, sku: 'KIT', name: 'Summer kit', quantity: 2, unitPriceMinor: 150000 });
    expect(item.components).toEqual([
      { productId: hat, variantId: null, sku: 'HAT', name: 'Straw hat', quantity: 1 },
      { productId: tote, variantId: null, sku: 'TOTE', name: 'Canvas tote', quantity: 1 },
      { productId: expect.any(String), variantId: shirtM, sku: 'SHIRT-M', name: 'Linen shirt (M)', quantity: 2 },
    ]);
    // The set's own stock column is never touched.
    expect(await stockOf(kit)).toBe(0);

    // Editing the set afterwards does not change what cancelling returns.
    await getDb().delete(productSetItems).where(eq(productSetItems.setProductId, kit));
    await changeOrderStatus(getDb(), ctx, { orderId: created.orderId, from: 'pending_payment', to: 'cancelled' });
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM), await stockOf(kit)]).toEqual([3, 2, 4, 0]);
  });

  it('is all or nothing, and says how many sets are left', async () => {
    const c = await createConversation(getDb(), ws);
    await expect(orderKit(c.conversation.id, 3)).rejects.toThrow('Summer kit has only 2 left.');
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([3, 2, 4]);
    // Two kits and a hat on its own need four hats: the shared component is named.
    await expect(orderKit(c.conversation.id, 2, [{ productId: hat, quantity: 2 }])).rejects.toThrow(
      'Straw hat has only 3 left, not enough for Summer kit and Straw hat together.',
    );
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([3, 2, 4]);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, ws))).toHaveLength(0);
  });

  it('two orders racing for the last set: one wins, the other hears the set is out of stock', async () => {
    await getDb().update(products).set({ stock: 1 }).where(eq(products.id, tote));
    const a = await createConversation(getDb(), ws);
    const b = await createConversation(getDb(), ws);
    const results = await Promise.allSettled([orderKit(a.conversation.id), orderKit(b.conversation.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(UserError);
    expect((failed[0].reason as Error).message).toBe('Summer kit is out of stock.');
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([2, 0, 2]);
  });

  it('a set and its component racing for the last unit: one wins, stock never negative, no deadlock', async () => {
    await getDb().update(products).set({ stock: 1 }).where(eq(products.id, tote));
    const a = await createConversation(getDb(), ws);
    const b = await createConversation(getDb(), ws);
    const results = await Promise.allSettled([
      orderKit(a.conversation.id),
      // Not on the store, so an agent cannot sell it alone; the bot path below can.
      getDb().transaction((tx) =>
        placeOrder(tx, { workspaceId: ws, contactId: null, conversationId: b.conversation.id, order: { productId: tote, variantId: null, quantity: 1, unitPriceMinor: 0, currency: 'THB', delivery: { address: 'x' }, collectionPointId: null } }),
      ),
    ]);
    const won = results.filter((r) => (r.status === 'fulfilled' && (r.value as { ok?: boolean }).ok !== false));
    expect(won).toHaveLength(1);
    expect(await stockOf(tote)).toBe(0);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, ws))).toHaveLength(1);
  });
});

describe('the order shows what a set held and when its collection point opens', () => {
  it('summary message, order detail, the Orders list and the customer panel', async () => {
    const [point] = await getDb().insert(collectionPoints).values({ workspaceId: ws, name: 'Siam shop', address: '1 Rama I Rd', openingHours: 'Mon–Fri 10:00–19:00' }).returning();
    const fb = world.facebook;
    await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid: '42424242424261', text: 'one kit please' }, fb.secrets.appSecret));
    await settled(fb.channel.id);
    const [conversation] = await conversationsOf(fb.channel.id);
    const created = await createConversationOrder(getDb(), ctx, { conversationId: conversation.id, items: [{ productId: kit, quantity: 1 }], fulfilment: { kind: 'pickup', collectionPointId: point.id } });
    const sent = await waitFor('the order summary', async () => fakes.meta.sent.find((s) => s.platform === 'facebook'));
    const text = (sent.message as { text: string }).text;
    expect(text).toContain('• 1 × Summer kit — ฿1,500.00\n  (Straw hat, Canvas tote, 2 × Linen shirt (M))');
    expect(text).toContain('Pickup: Siam shop, 1 Rama I Rd (open Mon–Fri 10:00–19:00)');
    const detail = await getOrderDetail(getDb(), ctx, created.orderId);
    expect(detail).toMatchObject({
      collectionPoint: { name: 'Siam shop', address: '1 Rama I Rd', openingHours: 'Mon–Fri 10:00–19:00' },
      items: [{ name: 'Summer kit', includes: 'Straw hat, Canvas tote, 2 × Linen shirt (M)' }],
    });
    const setLine = { id: expect.any(String), name: 'Summer kit', quantity: 1, setContents: 'Straw hat, Canvas tote, 2 × Linen shirt (M)' };
    expect((await listOrders(getDb(), ctx, {})).rows).toEqual([expect.objectContaining({ id: created.orderId, lines: [setLine] })]);
    expect(await listRecentOrders(getDb(), ctx, conversation.contactId!)).toEqual([expect.objectContaining({ id: created.orderId, lines: [setLine] })]);
  });
});

describe('sets in the bot’s checkout', () => {
  it('the flow catalogue gives a set its derived stock and contents, no variants', async () => {
    const catalogue = await loadCatalogue(getDb(), ws, { productIds: [kit], collectionIds: [] });
    await getDb().insert(collectionPoints).values({ workspaceId: ws, name: 'Siam shop', address: '1 Rama I Rd', openingHours: 'Daily 9–21' });
    const withPoints = await loadCatalogue(getDb(), ws, { productIds: [], collectionIds: [] });
    expect(withPoints.collectionPoints).toEqual([expect.objectContaining({ name: 'Siam shop', openingHours: 'Daily 9–21' })]);
    expect(catalogue.products[kit]).toMatchObject({ name: 'Summer kit', stock: 2, variants: [], priceMinor: 150000, description: 'Includes: Straw hat, Canvas tote, 2 × Linen shirt (M). Beach ready.' });
  });

  it('placing a set order reserves the components; a short one gives back what it took and reports out of stock', async () => {
    const order = { productId: kit, variantId: null, quantity: 1, unitPriceMinor: 1, currency: 'THB', delivery: { address: '1 Road' }, collectionPointId: null };
    const placed = await getDb().transaction((tx) => placeOrder(tx, { workspaceId: ws, contactId: null, conversationId: null, order }));
    expect(placed).toMatchObject({ ok: true, totalMinor: 150000, currency: 'THB' });
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([2, 1, 2]);

    // Two more kits: the hat (reserved first) has enough, the tote does not. The flow's
    // transaction goes on (it sends the sold-out answer), so the hat must be given back.
    const short = await getDb().transaction((tx) => placeOrder(tx, { workspaceId: ws, contactId: null, conversationId: null, order: { ...order, quantity: 2 } }));
    expect(short).toEqual({ ok: false, reason: 'out_of_stock' });
    expect([await stockOf(hat), await stockOf(tote), await variantStock(shirtM)]).toEqual([2, 1, 2]);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, ws))).toHaveLength(1);
  });
});
