import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { collectionPoints, contacts, orderItems, orders } from '@/db/schema';
import { getOrderDetail, listOrders, ORDERS_PAGE_SIZE, parseOrderListQuery } from '@/lib/commerce/order-list';
import { createConversation, createWorkspace } from '../support/fixtures';

async function world() {
  const db = getDb();
  const shop = await createWorkspace(db, 'Shop');
  const other = await createWorkspace(db, 'Other');
  const kerry = await createConversation(db, shop.id);
  const lee = await createConversation(db, shop.id);
  await db.update(contacts).set({ name: 'Lee Chan' }).where(eq(contacts.id, lee.contact.id));
  const foreign = await createConversation(db, other.id);
  const [siam, asok] = await db
    .insert(collectionPoints)
    .values([
      { workspaceId: shop.id, name: 'Siam', address: '1 Rama I' },
      { workspaceId: shop.id, name: 'Asok', address: '2 Sukhumvit' },
    ])
    .returning();
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  const insert = (values: Partial<typeof orders.$inferInsert> & { workspaceId: string }) =>
    db.insert(orders).values({ totalMinor: 10000, currency: 'THB', ...values }).returning().then((r) => r[0]);
  const o1 = await insert({ workspaceId: shop.id, contactId: kerry.contact.id, conversationId: kerry.conversation.id, createdAt: at('2026-03-01'), collectionPointId: siam.id });
  const o2 = await insert({ workspaceId: shop.id, contactId: kerry.contact.id, conversationId: kerry.conversation.id, createdAt: at('2026-03-05'), status: 'paid' });
  const o3 = await insert({ workspaceId: shop.id, contactId: lee.contact.id, conversationId: lee.conversation.id, createdAt: at('2026-03-10'), status: 'cancelled', collectionPointId: asok.id });
  const o4 = await insert({ workspaceId: shop.id, contactId: lee.contact.id, conversationId: lee.conversation.id, createdAt: at('2026-03-31'), collectionPointId: siam.id, totalMinor: 129000 });
  const theirs = await insert({ workspaceId: other.id, contactId: foreign.contact.id, conversationId: foreign.conversation.id, createdAt: at('2026-03-05') });
  await db.insert(orderItems).values({ orderId: o4.id, sku: 'HAT', name: 'Straw sun hat', quantity: 2, unitPriceMinor: 64500 });
  return { shop, other, siam, asok, o1, o2, o3, o4, theirs };
}

const numbers = (r: { rows: { number: number }[] }) => r.rows.map((o) => o.number);

describe('orders list', () => {
  it('searches by number and customer name, filters by dates, status and collection point, only in the own workspace', async () => {
    const db = getDb();
    const w = await world();
    const ctx = { workspaceId: w.shop.id };
    const list = (params: Record<string, string>) => listOrders(db, ctx, parseOrderListQuery(params));

    expect(numbers(await list({}))).toEqual([w.o4.number, w.o3.number, w.o2.number, w.o1.number]);
    expect(numbers(await list({ q: `#${w.o2.number}` }))).toEqual([w.o2.number]);
    expect(numbers(await list({ q: String(w.o3.number) }))).toEqual([w.o3.number]);
    expect(numbers(await list({ q: `#${w.theirs.number}` }))).toEqual([]);
    expect(numbers(await list({ q: 'lee' }))).toEqual([w.o4.number, w.o3.number]);
    expect(numbers(await list({ q: 'KERRY' }))).toEqual([w.o2.number, w.o1.number]);
    expect(numbers(await list({ q: '100%' }))).toEqual([]);

    expect(numbers(await list({ from: '2026-03-05', to: '2026-03-10' }))).toEqual([w.o3.number, w.o2.number]);
    expect(numbers(await list({ from: '2026-03-06' }))).toEqual([w.o4.number, w.o3.number]);
    expect(numbers(await list({ to: '2026-03-01' }))).toEqual([w.o1.number]);
    expect(numbers(await list({ status: 'pending_payment' }))).toEqual([w.o4.number, w.o1.number]);
    expect(numbers(await list({ status: 'cancelled' }))).toEqual([w.o3.number]);
    expect(numbers(await list({ point: w.siam.id }))).toEqual([w.o4.number, w.o1.number]);
    expect(numbers(await list({ point: w.siam.id, q: 'kerry', status: 'pending_payment' }))).toEqual([w.o1.number]);
    // Another workspace's collection point matches nothing here.
    const [foreignPoint] = await db.insert(collectionPoints).values({ workspaceId: w.other.id, name: 'X', address: 'x' }).returning();
    expect(numbers(await list({ point: foreignPoint.id }))).toEqual([]);

    // Invalid URL values are dropped, not errors.
    expect(parseOrderListQuery({ status: 'shipped', from: '2026-13-45x', point: 'nope', page: '-3', q: '' })).toEqual({});
    const page = await list({});
    expect(page).toMatchObject({ total: 4, page: 1, pageCount: 1 });
    expect(page.rows[0]).toMatchObject({ customer: { name: 'Lee Chan' }, collectionPoint: 'Siam', total: '฿1,290.00', status: 'pending_payment' });
    expect(page.rows[0].lines).toEqual([{ id: expect.any(String), name: 'Straw sun hat', quantity: 2, setContents: null }]);
    expect(page.rows[1].lines).toEqual([]);

    // The date range follows the workspace's time zone: 2026-03-31T10:00Z is midnight, April 1st, at UTC+14.
    expect(numbers(await listOrders(db, ctx, parseOrderListQuery({ from: '2026-04-01' }), 'Pacific/Kiritimati'))).toEqual([w.o4.number]);

    expect(numbers(await listOrders(db, { workspaceId: w.other.id }, {}))).toEqual([w.theirs.number]);
  });

  it('paginates', async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Big');
    await db.insert(orders).values(Array.from({ length: ORDERS_PAGE_SIZE + 3 }, (_, i) => ({ workspaceId: shop.id, totalMinor: i, currency: 'USD', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })));
    const first = await listOrders(db, { workspaceId: shop.id }, parseOrderListQuery({}));
    const second = await listOrders(db, { workspaceId: shop.id }, parseOrderListQuery({ page: '2' }));
    expect(first.rows).toHaveLength(ORDERS_PAGE_SIZE);
    expect(second.rows).toHaveLength(3);
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: ORDERS_PAGE_SIZE + 3 });
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(ORDERS_PAGE_SIZE + 3);
  });

  it('shows one order with its items, and nothing for another workspace', async () => {
    const db = getDb();
    const w = await world();
    const detail = await getOrderDetail(db, { workspaceId: w.shop.id }, w.o4.id);
    expect(detail).toMatchObject({
      number: w.o4.number,
      total: '฿1,290.00',
      collectionPoint: { name: 'Siam', address: '1 Rama I' },
      customer: { name: 'Lee Chan' },
      conversationId: w.o4.conversationId,
      items: [{ name: 'Straw sun hat', quantity: 2, unitPrice: '฿645.00', lineTotal: '฿1,290.00' }],
    });
    expect(await getOrderDetail(db, { workspaceId: w.other.id }, w.o4.id)).toBeNull();
    expect(await getOrderDetail(db, { workspaceId: w.shop.id }, 'not-a-uuid')).toBeNull();
  });
});
