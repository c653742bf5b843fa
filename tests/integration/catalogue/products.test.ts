import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, collectionPoints, collectionProducts, orderItems, orders, productVariants, products } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getProduct, listProducts } from '@/lib/commerce/catalogue-admin/products';
import { resetConfigForTests } from '@/lib/config';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { startImageHost, type ImageHost } from '../support/image-host';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
process.env.AUTH_URL = 'https://shop.example.test';
resetConfigForTests(); // the app reads AUTH_URL through lib/config

const productActions = await import('@/app/w/[slug]/settings/products/actions');
const collectionActions = await import('@/app/w/[slug]/settings/collections/actions');
const pointActions = await import('@/app/w/[slug]/settings/collection-points/actions');

type User = Awaited<ReturnType<typeof createUser>>;
let shop: { id: string };
let otherShop: { id: string };
let admin: User;
let agent: User;
let otherAdmin: User;

let pictures: ImageHost;
beforeAll(async () => {
  pictures = await startImageHost();
});
afterAll(() => pictures.close());

const OWN_LINK = /^https:\/\/shop\.example\.test\/api\/files\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]{43}$/;

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Catalogue Shop');
  otherShop = await createWorkspace(db, 'Other Shop');
  admin = await createUser(db, 'Admin');
  agent = await createUser(db, 'Agent');
  otherAdmin = await createUser(db, 'Other Admin');
  await addMember(db, shop.id, admin.id, 'admin');
  await addMember(db, shop.id, agent.id, 'agent');
  await addMember(db, otherShop.id, otherAdmin.id, 'admin');
  currentUser = sessionOf(admin);
});

const tee = (overrides: Record<string, unknown> = {}) => ({
  workspaceId: shop.id,
  name: 'Cotton tee',
  sku: 'TEE-1',
  description: 'Soft, 100% cotton',
  hashtags: '#tee #Summer',
  price: '12.50',
  currency: 'usd',
  stock: '10',
  visibleOnStore: 'on',
  images: JSON.stringify([pictures.url('tee')]),
  variants: JSON.stringify([
    { sku: 'TEE-1-S', name: 'Small', price: '', stock: 4 },
    { sku: 'TEE-1-L', name: 'Large', price: '14', stock: 6 },
  ]),
  ...overrides,
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7a6d1a60000000049454e44ae426082', 'hex');

describe('products', () => {
  it('an admin creates, lists, searches, edits and deletes a product with variants', async () => {
    const created = await productActions.saveProductAction(tee());
    expect(created).toMatchObject({ ok: true, data: { sku: 'TEE-1', name: 'Cotton tee' } });
    const id = created.ok ? created.data.id : '';
    const product = await getProduct(getDb(), { workspaceId: shop.id }, id);
    expect(product).toMatchObject({
      priceMinor: 1250,
      currency: 'USD',
      stock: 10,
      hashtags: ['tee', 'summer'],
      visibleOnStore: true,
      images: [expect.stringMatching(OWN_LINK)],
      description: 'Soft, 100% cotton',
    });
    expect(product!.variants.map((v) => [v.sku, v.name, v.priceMinor, v.stock])).toEqual([
      ['TEE-1-S', 'Small', null, 4],
      ['TEE-1-L', 'Large', 1400, 6],
    ]);

    await productActions.saveProductAction(tee({ name: 'Mug', sku: 'MUG', hashtags: 'kitchen', variants: '[]', images: '[]' }));
    const ctx = { workspaceId: shop.id };
    const names = async (q: string) => (await listProducts(getDb(), ctx, { q })).items.map((p) => p.name).sort();
    expect(await names('')).toEqual(['Cotton tee', 'Mug']);
    expect(await names('cotton')).toEqual(['Cotton tee']);
    expect(await names('mug')).toEqual(['Mug']);
    expect(await names('TEE-1-L')).toEqual(['Cotton tee']); // a variant's SKU
    expect(await names('#kitchen')).toEqual(['Mug']);
    expect(await names('#summer')).toEqual(['Cotton tee']);
    const page = await listProducts(getDb(), ctx, { pageSize: 1, page: 2 });
    expect(page).toMatchObject({ total: 2, pages: 2, page: 2 });
    expect(page.items).toHaveLength(1);

    // Edit: rename a variant (kept by id), drop one, add one; hide from the store.
    const small = product!.variants[0];
    const updated = await productActions.saveProductAction(
      tee({
        id,
        price: '11',
        visibleOnStore: '',
        variants: JSON.stringify([
          { id: small.id, sku: 'TEE-1-XS', name: 'Extra small', price: '', stock: 2 },
          { sku: 'TEE-1-M', name: 'Medium', price: '', stock: 1 },
        ]),
      }),
    );
    expect(updated.ok).toBe(true);
    const after = await getProduct(getDb(), ctx, id);
    expect(after).toMatchObject({ priceMinor: 1100, visibleOnStore: false });
    expect(after!.variants.map((v) => v.sku)).toEqual(['TEE-1-XS', 'TEE-1-M']);
    expect(after!.variants[0].id).toBe(small.id);

    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id })).toMatchObject({ ok: true });
    expect(await getProduct(getDb(), ctx, id)).toBeNull();
    expect(await getDb().select().from(productVariants).where(eq(productVariants.productId, id))).toEqual([]);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['product.created', 'product.created', 'product.deleted', 'product.updated']);
  });

  it('refuses a duplicate SKU (product or variant, any case) with a clear message on the field', async () => {
    expect((await productActions.saveProductAction(tee())).ok).toBe(true);
    const again = await productActions.saveProductAction(tee({ name: 'Other', sku: 'tee-1', variants: '[]' }));
    const message = 'The SKU TEE-1 is already used by another product or variant. SKUs must be unique in the shop.';
    expect(again).toEqual({ ok: false, code: 'conflict', error: message, fieldErrors: { sku: [message] } });
    const variantClash = await productActions.saveProductAction(tee({ name: 'Other', sku: 'OTHER', variants: JSON.stringify([{ sku: 'TEE-1-L', name: 'L', stock: 1 }]) }));
    expect(variantClash).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { 'variants.0.sku': [expect.stringContaining('TEE-1-L')] } });
    const twiceInOne = await productActions.saveProductAction(tee({ sku: 'NEW', variants: JSON.stringify([{ sku: 'A', name: 'a', stock: 1 }, { sku: 'a', name: 'b', stock: 1 }]) }));
    expect(twiceInOne).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { 'variants.1.sku': [expect.stringContaining('twice')] } });
    expect((await getDb().select().from(products).where(eq(products.workspaceId, shop.id))).map((p) => p.sku)).toEqual(['TEE-1']);
    // Another shop may use the same SKU.
    currentUser = sessionOf(otherAdmin);
    expect((await productActions.saveProductAction(tee({ workspaceId: otherShop.id }))).ok).toBe(true);
  });

  it('validates every field', async () => {
    const bad = async (overrides: Record<string, unknown>) => {
      const r = await productActions.saveProductAction(tee(overrides));
      return r.ok ? null : r.fieldErrors;
    };
    expect(await bad({ name: '  ' })).toHaveProperty('name');
    expect(await bad({ sku: 'has space' })).toHaveProperty('sku');
    expect(await bad({ price: '-1' })).toHaveProperty('price');
    expect(await bad({ price: '1.234' })).toHaveProperty('price'); // USD has two decimals
    expect(await bad({ price: '100.5', currency: 'JPY' })).toHaveProperty('price'); // yen has none
    expect(await bad({ currency: 'XYZW' })).toHaveProperty('currency');
    expect(await bad({ stock: '-2' })).toHaveProperty('stock');
    expect(await bad({ stock: '1.5' })).toHaveProperty('stock');
    expect(await bad({ description: 'x'.repeat(1001) })).toHaveProperty('description');
    expect(await bad({ imageUrl: 'http://insecure.example.test/a.jpg' })).toHaveProperty('imageUrl');
    expect(await bad({ imageUrl: 'javascript:alert(1)' })).toHaveProperty('imageUrl');
    expect(await bad({ hashtags: '#ok #no<script>' })).toHaveProperty('hashtags');
    expect(await getDb().select().from(products).where(eq(products.workspaceId, shop.id))).toEqual([]);
  });

  it('stores an uploaded image checked by its bytes, as an absolute signed link; refuses other files', async () => {
    const upload = await productActions.saveProductAction(tee({ images: '[]', imageFile: new File([PNG], 'tee.txt', { type: 'text/plain' }), imageUrl: pictures.url('2') }));
    expect(upload.ok).toBe(true);
    const product = await getProduct(getDb(), { workspaceId: shop.id }, upload.ok ? upload.data.id : '');
    // The linked picture was fetched into the file store too: both are Baton's own links.
    expect(product!.images).toEqual([expect.stringMatching(OWN_LINK), expect.stringMatching(OWN_LINK)]);
    expect(product!.images[0]).not.toBe(product!.images[1]);

    // Saving again keeps its own links and fetches nothing.
    const fetched = pictures.requests.length;
    const again = await productActions.saveProductAction(tee({ id: product!.id, images: JSON.stringify(product!.images), variants: '[]' }));
    expect(again.ok).toBe(true);
    expect((await getProduct(getDb(), { workspaceId: shop.id }, product!.id))!.images).toEqual(product!.images);
    expect(pictures.requests.length).toBe(fetched);

    const fake = await productActions.saveProductAction(tee({ sku: 'X2', variants: '[]', imageFile: new File(['<svg onload=alert(1)>'], 'x.png', { type: 'image/png' }) }));
    expect(fake).toMatchObject({ ok: false, fieldErrors: { imageFile: [expect.any(String)] } });
    const big = Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024)]);
    const tooBig = await productActions.saveProductAction(tee({ sku: 'X3', variants: '[]', imageFile: new File([big], 'big.png', { type: 'image/png' }) }));
    expect(tooBig).toMatchObject({ ok: false, error: 'Images can be at most 4 MB.' });
  });

  it('a picture link to a private address or a missing picture is refused on the field, and nothing is saved', async () => {
    const metadata = await productActions.saveProductAction(tee({ sku: 'M1', variants: '[]', images: '[]', imageUrl: 'http://169.254.169.254/latest/meta-data/' }));
    expect(metadata).toMatchObject({ ok: false, fieldErrors: { imageUrl: [expect.stringMatching(/169\.254\.169\.254 is a link-local address/)] } });
    const missing = await productActions.saveProductAction(tee({ sku: 'M2', variants: '[]', images: JSON.stringify([pictures.url('gone').replace('.png', '.jpg')]) }));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { images: [expect.stringMatching(/could not be fetched/)] } });
    expect(await getDb().select().from(products).where(eq(products.workspaceId, shop.id))).toEqual([]);
  });

  it('refuses to delete a product that orders refer to, and says to hide it instead', async () => {
    const created = await productActions.saveProductAction(tee());
    const id = created.ok ? created.data.id : '';
    const [order] = await getDb().insert(orders).values({ workspaceId: shop.id, totalMinor: 1250, currency: 'USD' }).returning();
    await getDb().insert(orderItems).values({ orderId: order.id, productId: id, sku: 'TEE-1', name: 'Cotton tee', quantity: 1, unitPriceMinor: 1250 });
    const refused = await productActions.deleteProductAction({ workspaceId: shop.id, id });
    expect(refused).toMatchObject({ ok: false, code: 'conflict', error: expect.stringContaining('Visible on store') });
    expect(await getProduct(getDb(), { workspaceId: shop.id }, id)).not.toBeNull();
  });

  it('refuses agents and admins of another workspace', async () => {
    const created = await productActions.saveProductAction(tee());
    const id = created.ok ? created.data.id : '';
    currentUser = sessionOf(agent);
    expect(await productActions.saveProductAction(tee({ sku: 'AGENT' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await productActions.deleteProductAction({ workspaceId: shop.id, id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await collectionActions.saveCollectionAction({ workspaceId: shop.id, name: 'X' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await pointActions.saveCollectionPointAction({ workspaceId: shop.id, name: 'X', address: 'Y', enabled: 'on' })).toMatchObject({ ok: false, code: 'forbidden' });

    currentUser = sessionOf(otherAdmin);
    // Naming the other shop: not a member.
    expect(await productActions.saveProductAction(tee({ sku: 'OTHER' }))).toMatchObject({ ok: false, code: 'forbidden' });
    // Naming their own shop with our product's id: it does not exist there.
    expect(await productActions.deleteProductAction({ workspaceId: otherShop.id, id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await productActions.saveProductAction(tee({ workspaceId: otherShop.id, id }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await collectionActions.saveCollectionAction({ workspaceId: otherShop.id, name: 'Steal', productIds: JSON.stringify([id]) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await getProduct(getDb(), { workspaceId: shop.id }, id)).toMatchObject({ name: 'Cotton tee' });

    currentUser = null;
    expect(await productActions.saveProductAction(tee({ sku: 'ANON' }))).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

describe('collections and collection points', () => {
  it('an admin builds an ordered collection, reorders and deletes it', async () => {
    const ids: string[] = [];
    for (const sku of ['A', 'B', 'C']) {
      const r = await productActions.saveProductAction(tee({ sku, name: `Product ${sku}`, variants: '[]' }));
      ids.push(r.ok ? r.data.id : '');
    }
    const created = await collectionActions.saveCollectionAction({ workspaceId: shop.id, name: 'Summer', description: 'Hot', productIds: JSON.stringify([ids[2], ids[0]]) });
    expect(created).toMatchObject({ ok: true, data: { name: 'Summer' } });
    const collectionId = created.ok ? created.data.id : '';
    const order = async () =>
      (await getDb().select().from(collectionProducts).where(eq(collectionProducts.collectionId, collectionId)))
        .sort((a, b) => a.position - b.position)
        .map((r) => r.productId);
    expect(await order()).toEqual([ids[2], ids[0]]);
    await collectionActions.saveCollectionAction({ workspaceId: shop.id, id: collectionId, name: 'Summer', productIds: [ids[0], ids[1], ids[2]] });
    expect(await order()).toEqual(ids);
    expect(await collectionActions.saveCollectionAction({ workspaceId: shop.id, name: '' })).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(await collectionActions.deleteCollectionAction({ workspaceId: shop.id, id: collectionId })).toMatchObject({ ok: true });
    expect(await collectionActions.deleteCollectionAction({ workspaceId: shop.id, id: collectionId })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('an admin adds, disables and deletes collection points', async () => {
    const created = await pointActions.saveCollectionPointAction({ workspaceId: shop.id, name: 'Siam store', address: '999 Rama I Rd, Bangkok', enabled: 'on' });
    expect(created).toMatchObject({ ok: true, data: { name: 'Siam store', enabled: true } });
    const id = created.ok ? created.data.id : '';
    expect(created).toMatchObject({ data: { openingHours: null } });
    expect(await pointActions.saveCollectionPointAction({ workspaceId: shop.id, id, name: 'Siam store', address: '999 Rama I Rd, Bangkok', openingHours: ' Mon–Fri 10:00–19:00 ' })).toMatchObject({
      ok: true,
      data: { enabled: false, openingHours: 'Mon–Fri 10:00–19:00' },
    });
    expect(await pointActions.saveCollectionPointAction({ workspaceId: shop.id, id, name: 'Siam store', address: 'x', openingHours: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      fieldErrors: { openingHours: ['Opening hours can be at most 200 characters.'] },
    });
    expect(await pointActions.saveCollectionPointAction({ workspaceId: shop.id, name: 'No address', address: '' })).toMatchObject({ ok: false, fieldErrors: { address: [expect.any(String)] } });
    currentUser = sessionOf(otherAdmin);
    expect(await pointActions.deleteCollectionPointAction({ workspaceId: otherShop.id, id })).toMatchObject({ ok: false, code: 'not_found' });
    currentUser = sessionOf(admin);
    expect(await pointActions.deleteCollectionPointAction({ workspaceId: shop.id, id })).toMatchObject({ ok: true });
    expect(await getDb().select().from(collectionPoints).where(eq(collectionPoints.workspaceId, shop.id))).toEqual([]);
  });
});
