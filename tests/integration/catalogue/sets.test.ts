import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { productSetItems, productVariants, products } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getProduct, listProducts } from '@/lib/commerce/catalogue-admin/products';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
process.env.AUTH_URL = 'https://shop.example.test';

const productActions = await import('@/app/w/[slug]/settings/products/actions');

type User = Awaited<ReturnType<typeof createUser>>;
let shop: { id: string };
let otherShop: { id: string };
let admin: User;
let agent: User;
let hat: string;
let tote: string;
let shirt: string;
let shirtM: string;
let foreign: string;

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Set Shop');
  otherShop = await createWorkspace(db, 'Other Shop');
  admin = await createUser(db, 'Admin');
  agent = await createUser(db, 'Agent');
  await addMember(db, shop.id, admin.id, 'admin');
  await addMember(db, shop.id, agent.id, 'agent');
  currentUser = sessionOf(admin);
  const rows = await db
    .insert(products)
    .values([
      { workspaceId: shop.id, sku: 'HAT', name: 'Straw hat', priceMinor: 79000, currency: 'THB', stock: 7 },
      { workspaceId: shop.id, sku: 'TOTE', name: 'Canvas tote', priceMinor: 59000, currency: 'THB', stock: 20, visibleOnStore: false },
      { workspaceId: shop.id, sku: 'SHIRT', name: 'Linen shirt', priceMinor: 129000, currency: 'THB', stock: 0 },
      { workspaceId: otherShop.id, sku: 'THEIRS', name: 'Their hat', priceMinor: 100, currency: 'THB', stock: 99 },
    ])
    .returning();
  [hat, tote, shirt, foreign] = rows.map((r) => r.id);
  [{ id: shirtM }] = await db.insert(productVariants).values({ workspaceId: shop.id, productId: shirt, sku: 'SHIRT-M', name: 'M', stock: 5 }).returning();
});

const beachKit = (items: unknown[], overrides: Record<string, unknown> = {}) => ({
  workspaceId: shop.id,
  kind: 'set',
  name: 'Beach kit',
  sku: 'BEACH-KIT',
  description: 'Everything for the beach',
  hashtags: '#summer',
  price: '1200',
  currency: 'THB',
  stock: '0',
  visibleOnStore: 'on',
  setItems: JSON.stringify(items),
  ...overrides,
});

describe('sets in the catalogue admin', () => {
  it('an admin creates a set from products and options; its stock is derived from theirs', async () => {
    const created = await productActions.saveProductAction(
      beachKit([
        { productId: hat, quantity: 1 },
        { productId: tote, quantity: 2 },
        { productId: shirt, variantId: shirtM, quantity: 2 },
      ]),
    );
    expect(created).toMatchObject({ ok: true, data: { sku: 'BEACH-KIT' } });
    const id = created.ok ? created.data.id : '';
    const set = await getProduct(getDb(), { workspaceId: shop.id }, id);
    // min(7/1, 20/2, 5/2) = 2; a hidden component still counts (bundles may be the only way it is sold).
    expect(set).toMatchObject({ kind: 'set', stock: 0, priceMinor: 120000, availableStock: 2, variants: [] });
    expect(set!.setItems.map((c) => [c.name, c.sku, c.quantity, c.stock])).toEqual([
      ['Straw hat', 'HAT', 1, 7],
      ['Canvas tote', 'TOTE', 2, 20],
      ['Linen shirt (M)', 'SHIRT-M', 2, 5],
    ]);

    const list = await listProducts(getDb(), { workspaceId: shop.id }, { q: 'beach' });
    expect(list.items).toEqual([expect.objectContaining({ kind: 'set', availableStock: 2, setItemCount: 3 })]);
    expect((await listProducts(getDb(), { workspaceId: shop.id }, { q: 'HAT' })).items.find((p) => p.sku === 'HAT')).toMatchObject({ availableStock: 7 });

    // Selling components lowers the set's stock with them.
    await getDb().update(productVariants).set({ stock: 1 }).where(eq(productVariants.id, shirtM));
    expect((await getProduct(getDb(), { workspaceId: shop.id }, id))!.availableStock).toBe(0);

    // Edit: components replaced, order kept; variants and stock sent along are ignored.
    const edited = await productActions.saveProductAction(
      beachKit([{ productId: tote, quantity: 5 }, { productId: hat, quantity: 1 }], { id, stock: '50', variants: JSON.stringify([{ sku: 'X-1', name: 'X', price: '', stock: 3 }]) }),
    );
    expect(edited).toMatchObject({ ok: true });
    const after = await getProduct(getDb(), { workspaceId: shop.id }, id);
    expect(after).toMatchObject({ stock: 0, variants: [], availableStock: 4 });
    expect(after!.setItems.map((c) => c.sku)).toEqual(['TOTE', 'HAT']);
  });

  it('refuses a component of another workspace, a set in a set, the set itself, duplicates and an empty set', async () => {
    expect(await productActions.saveProductAction(beachKit([{ productId: foreign, quantity: 1 }]))).toMatchObject({
      ok: false,
      code: 'invalid',
      error: 'Some of these products no longer exist. Reload the page.',
      fieldErrors: { setItems: [expect.any(String)] },
    });
    expect(await productActions.saveProductAction(beachKit([]))).toMatchObject({ ok: false, error: 'Add at least one product to the set.' });
    expect(await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 1 }, { productId: hat, quantity: 2 }]))).toMatchObject({
      ok: false,
      error: expect.stringContaining('twice'),
    });
    expect(await productActions.saveProductAction(beachKit([{ productId: shirt, quantity: 1 }]))).toMatchObject({ ok: false, error: 'Linen shirt has options: choose which one the set contains.' });
    expect(await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 0 }]))).toMatchObject({ ok: false, code: 'invalid' });

    const kit = await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 1 }]));
    const kitId = kit.ok ? kit.data.id : '';
    expect(await productActions.saveProductAction(beachKit([{ productId: kitId, quantity: 1 }], { sku: 'MEGA', name: 'Mega kit' }))).toMatchObject({
      ok: false,
      error: 'Beach kit is a set itself. A set can only contain products.',
    });
    expect(await productActions.saveProductAction(beachKit([{ productId: kitId, quantity: 1 }], { id: kitId }))).toMatchObject({ ok: false, error: 'A set cannot contain itself.' });
    // A product does not become a set (nor the other way round).
    expect(await productActions.saveProductAction(beachKit([{ productId: tote, quantity: 1 }], { id: hat, sku: 'HAT', name: 'Straw hat' }))).toMatchObject({
      ok: false,
      error: 'This is a product; it cannot become a set.',
    });
    expect(await getDb().select().from(productSetItems).where(eq(productSetItems.workspaceId, shop.id))).toHaveLength(1);

    currentUser = sessionOf(agent);
    expect(await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 1 }], { sku: 'AGENT-KIT' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await productActions.searchSetComponentsAction({ workspaceId: shop.id, q: '' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('the component picker offers this workspace’s products and options, never sets', async () => {
    await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 1 }]));
    const found = await productActions.searchSetComponentsAction({ workspaceId: shop.id, q: '' });
    expect(found.ok && found.data.map((o) => o.sku)).toEqual(['TOTE', 'SHIRT-M', 'HAT']);
    const shirtOption = found.ok ? found.data.find((o) => o.sku === 'SHIRT-M') : undefined;
    expect(shirtOption).toEqual({ productId: shirt, variantId: shirtM, name: 'Linen shirt (M)', sku: 'SHIRT-M', stock: 5 });
  });

  it('refuses to delete a product or remove an option a set holds, naming the set; deleting the set is fine', async () => {
    const kit = await productActions.saveProductAction(beachKit([{ productId: hat, quantity: 1 }, { productId: shirt, variantId: shirtM, quantity: 1 }]));
    const kitId = kit.ok ? kit.data.id : '';
    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id: hat })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: 'Straw hat is part of the set Beach kit, so it cannot be deleted. Remove it from the set first.',
    });
    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id: shirt })).toMatchObject({ ok: false, error: expect.stringContaining('the set Beach kit') });
    // Editing the shirt so that its M option disappears is refused too.
    const dropM = await productActions.saveProductAction({
      workspaceId: shop.id,
      id: shirt,
      name: 'Linen shirt',
      sku: 'SHIRT',
      price: '1290',
      currency: 'THB',
      stock: '0',
      visibleOnStore: 'on',
      variants: JSON.stringify([{ sku: 'SHIRT-L', name: 'L', price: '', stock: 2 }]),
    });
    expect(dropM).toMatchObject({ ok: false, code: 'conflict', error: expect.stringContaining('part of the set Beach kit') });
    // Giving options to the hat, which the set holds as a whole, is refused as well.
    const hatOptions = await productActions.saveProductAction({
      workspaceId: shop.id,
      id: hat,
      name: 'Straw hat',
      sku: 'HAT',
      price: '790',
      currency: 'THB',
      stock: '7',
      visibleOnStore: 'on',
      variants: JSON.stringify([{ sku: 'HAT-S', name: 'S', price: '', stock: 2 }]),
    });
    expect(hatOptions).toMatchObject({ ok: false, code: 'conflict', error: expect.stringContaining('without options') });

    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id: kitId })).toMatchObject({ ok: true });
    expect(await getDb().select().from(productSetItems).where(eq(productSetItems.setProductId, kitId))).toHaveLength(0);
    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id: hat })).toMatchObject({ ok: true });
  });
});
