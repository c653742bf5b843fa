import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, collectionPoints, contacts, messages, orderItems, orders, products, productVariants } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { createConversationOrder, searchOrderableItems, searchOrderable } from '@/lib/commerce/order-create';
import { changeOrderStatus } from '@/lib/commerce/order-status';
import { listRecentOrders } from '@/lib/contacts/recent-orders';
import { UserError } from '@/lib/errors';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { addMember, createConversation, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ctx: ActorContext;
let hat: string;
let shirt: string;
let shirtM: string;
let shirtL: string;
let point: string;

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  const user = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, user.id, 'agent');
  ctx = { workspaceId: world.workspace.id, actor: { id: user.id, name: 'Ana', email: user.email, role: 'agent' } };
  const ws = world.workspace.id;
  const rows = await getDb()
    .insert(products)
    .values([
      { workspaceId: ws, sku: 'HAT', name: 'Straw sun hat', priceMinor: 79000, currency: 'THB', stock: 1 },
      { workspaceId: ws, sku: 'SHIRT', name: 'Linen shirt', priceMinor: 129000, currency: 'THB', stock: 0 },
      { workspaceId: ws, sku: 'SECRET', name: 'Hidden hat', priceMinor: 100, currency: 'THB', stock: 5, visibleOnStore: false },
      { workspaceId: ws, sku: 'GONE', name: 'Sold-out hat', priceMinor: 100, currency: 'THB', stock: 0 },
    ])
    .returning();
  hat = rows[0].id;
  shirt = rows[1].id;
  const variants = await getDb()
    .insert(productVariants)
    .values([
      { workspaceId: ws, productId: shirt, sku: 'SHIRT-M', name: 'M', stock: 3 },
      { workspaceId: ws, productId: shirt, sku: 'SHIRT-L', name: 'L', stock: 1, priceMinor: 139000, position: 1 },
    ])
    .returning();
  shirtM = variants[0].id;
  shirtL = variants[1].id;
  [{ id: point }] = await getDb().insert(collectionPoints).values({ workspaceId: ws, name: 'Siam shop', address: '1 Rama I Rd' }).returning();
});

async function messengerConversation(psid: string) {
  const fb = world.facebook;
  await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid, text: 'I want to order' }, fb.secrets.appSecret));
  await settled(fb.channel.id);
  const all = await conversationsOf(fb.channel.id);
  return all[all.length - 1];
}

const stockOf = async (id: string) => (await getDb().select({ stock: products.stock }).from(products).where(eq(products.id, id)))[0].stock;
const variantStock = async (id: string) => (await getDb().select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, id)))[0].stock;

describe('create order in the conversation', () => {
  it('offers visible, in-stock products and variants only', async () => {
    const items = await searchOrderableItems(getDb(), ctx, { q: '' });
    expect(items.map((i) => i.sku).sort()).toEqual(['HAT', 'SHIRT-L', 'SHIRT-M']);
    expect(items.find((i) => i.sku === 'SHIRT-L')).toMatchObject({ name: 'Linen shirt (L)', priceMinor: 139000, stock: 1 });
    expect(await searchOrderableItems(getDb(), { ...ctx, workspaceId: '00000000-0000-4000-8000-000000000000' }, { q: '' })).toEqual([]);
  });

  it('says how many matches it left out: hidden from the store, or nothing in stock', async () => {
    const hats = await searchOrderable(getDb(), ctx, { q: 'hat' });
    expect({ offered: hats.products.map((i) => i.sku), hidden: hats.hidden, soldOut: hats.soldOut }).toEqual({ offered: ['HAT'], hidden: 1, soldOut: 1 });
    const all = await searchOrderable(getDb(), ctx, { q: '' });
    expect([all.hidden, all.soldOut]).toEqual([1, 1]); // the shirt is offered per variant, so it is not sold out
  });

  it('creates the order, reserves stock, sends the summary to the platform and writes custom data', async () => {
    const conversation = await messengerConversation('42424242424250');
    const created = await createConversationOrder(getDb(), ctx, {
      conversationId: conversation.id,
      items: [
        { productId: hat, quantity: 1 },
        { productId: shirt, variantId: shirtM, quantity: 2 },
      ],
      fulfilment: { kind: 'pickup', collectionPointId: point },
      notes: 'Gift wrap please',
    });
    expect(created.total).toBe('฿3,370.00');
    const [order] = await getDb().select().from(orders).where(eq(orders.id, created.orderId));
    expect(order).toMatchObject({ status: 'pending_payment', totalMinor: 337000, currency: 'THB', collectionPointId: point, notes: 'Gift wrap please', contactId: conversation.contactId, conversationId: conversation.id });
    expect(order.number).toBeGreaterThanOrEqual(1001);
    const items = await getDb().select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.map((i) => [i.sku, i.quantity, i.unitPriceMinor]).sort()).toEqual([
      ['HAT', 1, 79000],
      ['SHIRT-M', 2, 129000],
    ]);
    expect(await stockOf(hat)).toBe(0);
    expect(await variantStock(shirtM)).toBe(1);

    const sent = await waitFor('the order summary at Messenger', async () => fakes.meta.sent.find((s) => s.platform === 'facebook'));
    const text = (sent.message as { text: string }).text;
    expect(text).toContain(`#${order.number}`);
    expect(text).toContain('1 × Straw sun hat');
    expect(text).toContain('2 × Linen shirt (M)');
    expect(text).toContain('Total: ฿3,370.00');
    expect(text).toContain('Pickup: Siam shop, 1 Rama I Rd');
    const [stored] = await getDb().select().from(messages).where(eq(messages.id, created.messageId));
    expect(stored).toMatchObject({ direction: 'outbound', senderKind: 'agent' });

    const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(contact.customData).toMatchObject({ last_order: `#${order.number}`, total_spent: '฿3,370.00', orders_count: '1' });
    expect(await listRecentOrders(getDb(), ctx, conversation.contactId)).toEqual([expect.objectContaining({ number: `#${order.number}` })]);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, 'order.created')));
    expect(audit).toHaveLength(1);
    expect(audit[0].targetId).toBe(order.id);
  });

  it('two orders racing for the last unit: one succeeds, the other is told, stock never negative', async () => {
    const a = await createConversation(getDb(), world.workspace.id);
    const b = await createConversation(getDb(), world.workspace.id);
    const attempt = (conversationId: string) =>
      createConversationOrder(getDb(), ctx, { conversationId, items: [{ productId: hat, quantity: 1 }], fulfilment: { kind: 'delivery', address: '9 Sukhumvit' } });
    const results = await Promise.allSettled([attempt(a.conversation.id), attempt(b.conversation.id)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(UserError);
    expect((failed[0].reason as Error).message).toBe('Straw sun hat is out of stock.');
    expect(await stockOf(hat)).toBe(0);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, world.workspace.id))).toHaveLength(1);
  });

  it('is all or nothing: one short line fails the whole order with "X has only N left"', async () => {
    const c = await createConversation(getDb(), world.workspace.id);
    await expect(
      createConversationOrder(getDb(), ctx, {
        conversationId: c.conversation.id,
        items: [
          { productId: hat, quantity: 1 },
          { productId: shirt, variantId: shirtM, quantity: 2 },
          { productId: shirt, variantId: shirtL, quantity: 2 },
        ],
        fulfilment: { kind: 'delivery', address: '9 Sukhumvit' },
      }),
    ).rejects.toThrow('Linen shirt (L) has only 1 left.');
    expect(await stockOf(hat)).toBe(1);
    expect(await variantStock(shirtM)).toBe(3);
    expect(await variantStock(shirtL)).toBe(1);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, world.workspace.id))).toHaveLength(0);
    expect(await getDb().select().from(messages).where(eq(messages.conversationId, c.conversation.id))).toHaveLength(0);
  });

  it('refuses hidden products and collection points of another workspace', async () => {
    const c = await createConversation(getDb(), world.workspace.id);
    const [hidden] = await getDb().select().from(products).where(and(eq(products.workspaceId, ctx.workspaceId), eq(products.sku, 'SECRET')));
    await expect(
      createConversationOrder(getDb(), ctx, { conversationId: c.conversation.id, items: [{ productId: hidden.id, quantity: 1 }], fulfilment: { kind: 'delivery', address: 'x' } }),
    ).rejects.toThrow('hidden from the store');
    const other = await createConversation(getDb(), (await createChannelWorld(fakes)).workspace.id);
    const [foreignPoint] = await getDb().insert(collectionPoints).values({ workspaceId: other.conversation.workspaceId, name: 'Elsewhere', address: 'x' }).returning();
    await expect(
      createConversationOrder(getDb(), ctx, { conversationId: c.conversation.id, items: [{ productId: hat, quantity: 1 }], fulfilment: { kind: 'pickup', collectionPointId: foreignPoint.id } }),
    ).rejects.toThrow('collection point is not available');
    await expect(
      createConversationOrder(getDb(), ctx, { conversationId: other.conversation.id, items: [{ productId: hat, quantity: 1 }], fulfilment: { kind: 'delivery', address: 'x' } }),
    ).rejects.toThrow('does not exist');
    expect(await stockOf(hat)).toBe(1);
  });
});

describe('order status', () => {
  it('pending payment → paid → fulfilled, once each; cancel returns stock and updates custom data', async () => {
    const c = await createConversation(getDb(), world.workspace.id);
    const first = await createConversationOrder(getDb(), ctx, {
      conversationId: c.conversation.id,
      items: [{ productId: shirt, variantId: shirtM, quantity: 1 }],
      fulfilment: { kind: 'delivery', address: '9 Sukhumvit' },
    });
    const second = await createConversationOrder(getDb(), ctx, {
      conversationId: c.conversation.id,
      items: [
        { productId: hat, quantity: 1 },
        { productId: shirt, variantId: shirtM, quantity: 2 },
      ],
      fulfilment: { kind: 'delivery', address: '9 Sukhumvit' },
    });
    expect(await variantStock(shirtM)).toBe(0);
    const customData = async () => (await getDb().select().from(contacts).where(eq(contacts.id, c.contact.id)))[0].customData;
    expect(await customData()).toMatchObject({ last_order: `#${second.orderNumber}`, total_spent: '฿4,660.00', orders_count: '2' });

    // Two agents pressing "Paid" at once: one moves it, the other is told.
    const paid = await Promise.allSettled([
      changeOrderStatus(getDb(), ctx, { orderId: first.orderId, from: 'pending_payment', to: 'paid' }),
      changeOrderStatus(getDb(), ctx, { orderId: first.orderId, from: 'pending_payment', to: 'paid' }),
    ]);
    expect(paid.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((paid.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toContain('already paid');
    await changeOrderStatus(getDb(), ctx, { orderId: first.orderId, from: 'paid', to: 'fulfilled' });
    await expect(changeOrderStatus(getDb(), ctx, { orderId: first.orderId, from: 'fulfilled', to: 'cancelled' })).rejects.toThrow('cannot become cancelled');
    await expect(changeOrderStatus(getDb(), ctx, { orderId: first.orderId, from: 'paid', to: 'cancelled' })).rejects.toThrow('already fulfilled');
    await expect(changeOrderStatus(getDb(), ctx, { orderId: second.orderId, from: 'pending_payment', to: 'fulfilled' })).rejects.toThrow('cannot become fulfilled');

    const cancels = await Promise.allSettled([
      changeOrderStatus(getDb(), ctx, { orderId: second.orderId, from: 'pending_payment', to: 'cancelled' }),
      changeOrderStatus(getDb(), ctx, { orderId: second.orderId, from: 'pending_payment', to: 'cancelled' }),
    ]);
    expect(cancels.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // Restocked once, not twice.
    expect(await stockOf(hat)).toBe(1);
    expect(await variantStock(shirtM)).toBe(2);
    expect(await customData()).toMatchObject({ last_order: `#${first.orderNumber}`, total_spent: '฿1,290.00', orders_count: '1' });

    const [firstRow] = await getDb().select().from(orders).where(eq(orders.id, first.orderId));
    expect(firstRow.status).toBe('fulfilled');
    const audit = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, ctx.workspaceId));
    expect(audit.filter((a) => a.action === 'order.status_changed')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'order.cancelled')).toHaveLength(1);

    const foreign = { ...ctx, workspaceId: '00000000-0000-4000-8000-000000000000' };
    await expect(changeOrderStatus(getDb(), foreign, { orderId: first.orderId, from: 'paid', to: 'fulfilled' })).rejects.toThrow('does not exist');
  });
});

describe('purchase custom data', () => {
  it('says nothing was spent, in the order’s currency, once every order is cancelled', async () => {
    const c = await createConversation(getDb(), world.workspace.id);
    const order = await createConversationOrder(getDb(), ctx, { conversationId: c.conversation.id, items: [{ productId: hat, quantity: 1 }], fulfilment: { kind: 'pickup', collectionPointId: point } });
    await changeOrderStatus(getDb(), ctx, { orderId: order.orderId, from: 'pending_payment', to: 'cancelled' });
    const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, c.contact.id));
    expect(contact.customData).toEqual({ total_spent: '฿0.00', orders_count: '0' });
  });
});
