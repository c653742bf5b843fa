import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { flows, orders, products, productVariants } from '@/db/schema';
import { seedDemoFlows } from '@/demo/seed/demo-flows';
import { loadCatalogue } from '@/lib/commerce/catalogue';
import { getProduct } from '@/lib/commerce/catalogue-admin/products';
import { placeOrder } from '@/lib/commerce/orders';
import { loadVersion } from '@/lib/flows/store';
import { createWorkspace } from '../support/fixtures';

describe('stock reservation', () => {
  it('ten orders racing for the last unit: exactly one wins and stock never goes negative', async () => {
    const db = getDb();
    const ws = await createWorkspace(db, 'Race Shop');
    const [mug] = await db.insert(products).values({ workspaceId: ws.id, sku: 'MUG', name: 'Mug', priceMinor: 35000, currency: 'THB', stock: 1 }).returning();
    const order = { productId: mug.id, variantId: null, quantity: 1, unitPriceMinor: 1, currency: 'THB', delivery: { address: '1 Road' }, collectionPointId: null };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => db.transaction((tx) => placeOrder(tx, { workspaceId: ws.id, contactId: null, conversationId: null, order }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, reason: 'out_of_stock' }));
    const [after] = await db.select().from(products).where(eq(products.id, mug.id));
    expect(after.stock).toBe(0);
    const [placed] = await db.select().from(orders).where(eq(orders.workspaceId, ws.id));
    // The price comes from the catalogue, not from the request.
    expect(placed).toMatchObject({ totalMinor: 35000, status: 'pending_payment' });
  });

  it('variants reserve their own stock; another workspace’s product cannot be ordered', async () => {
    const db = getDb();
    const ws = await createWorkspace(db, 'Variant Shop');
    const other = await createWorkspace(db, 'Other Shop');
    const [shirt] = await db.insert(products).values({ workspaceId: ws.id, sku: 'S', name: 'Shirt', priceMinor: 1000, currency: 'USD', stock: 0 }).returning();
    const [l] = await db.insert(productVariants).values({ workspaceId: ws.id, productId: shirt.id, sku: 'S-L', name: 'L', priceMinor: 1200, stock: 3 }).returning();
    const order = { productId: shirt.id, variantId: l.id, quantity: 2, unitPriceMinor: 0, currency: 'USD', delivery: null, collectionPointId: null };
    const ok = await db.transaction((tx) => placeOrder(tx, { workspaceId: ws.id, contactId: null, conversationId: null, order }));
    expect(ok).toMatchObject({ ok: true, totalMinor: 2400 });
    expect(await db.transaction((tx) => placeOrder(tx, { workspaceId: ws.id, contactId: null, conversationId: null, order }))).toEqual({ ok: false, reason: 'out_of_stock' });
    await expect(db.transaction((tx) => placeOrder(tx, { workspaceId: other.id, contactId: null, conversationId: null, order }))).rejects.toThrow(/does not exist/);
  });
});

describe('demo flows', () => {
  it('seeds a valid welcome flow on every channel and checkout flows', async () => {
    const db = getDb();
    const ws = await createWorkspace(db, 'Demo Copy');
    await db.transaction((tx) => seedDemoFlows(tx, { workspaceId: ws.id, now: new Date() }));
    const rows = await db.select().from(flows).where(eq(flows.workspaceId, ws.id));
    expect(rows.map((r) => [r.name, r.kind]).sort()).toEqual([['Product checkout', 'product'], ['Summer collection', 'collection'], ['Welcome', 'custom']]);
    const welcome = rows.find((r) => r.name === 'Welcome')!;
    expect(welcome.triggers.welcomeChannels).toEqual(['facebook', 'whatsapp', 'line', 'web']);
    for (const r of rows) expect(await loadVersion(db, ws.id, r.id, r.currentVersion), r.name).not.toBeNull();
    const definition = (await loadVersion(db, ws.id, welcome.id, 1))!;
    // The catalogue includes a set whose stock comes from its products, and pickup hours.
    const [set] = await db.select().from(products).where(and(eq(products.workspaceId, ws.id), eq(products.kind, 'set')));
    expect(set).toMatchObject({ sku: 'BEACH-DAY-SET', stock: 0 });
    expect((await getProduct(db, { workspaceId: ws.id }, set.id))!.availableStock).toBe(12);
    expect((await loadCatalogue(db, ws.id, { productIds: [], collectionIds: [] })).collectionPoints.every((p) => p.openingHours)).toBe(true);
    const menu = definition.steps.find((s) => s.id === 'menu');
    expect(menu?.type === 'ask_choice' && menu.options.map((o) => o.title)).toEqual(['Track my order', 'Browse products', 'Talk to an agent']);
  });
});
