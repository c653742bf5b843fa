import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { productSetItems, productVariants, products } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { exportProductsCsv } from '@/lib/commerce/catalogue-admin/csv-export';
import { parseCsv } from '@/lib/commerce/csv';
import { resetConfigForTests } from '@/lib/config';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { startImageHost, type ImageHost } from '../support/image-host';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
process.env.AUTH_URL = 'https://shop.example.test';
resetConfigForTests(); // pictures are stored and linked on the app's public origin

const productActions = await import('@/app/w/[slug]/settings/products/actions');
const exportRoute = await import('@/app/api/w/[workspaceId]/products/export/route');

type User = Awaited<ReturnType<typeof createUser>>;
let shop: { id: string };
let emptyShop: { id: string };
let admin: User;
let agent: User;
let outsider: User;

let pictures: ImageHost;
beforeAll(async () => {
  pictures = await startImageHost();
});
afterAll(() => pictures.close());

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'CSV Shop');
  emptyShop = await createWorkspace(db, 'Empty Shop');
  admin = await createUser(db, 'Admin');
  agent = await createUser(db, 'Agent');
  outsider = await createUser(db, 'Outsider');
  await addMember(db, shop.id, admin.id, 'admin');
  await addMember(db, emptyShop.id, admin.id, 'admin');
  await addMember(db, shop.id, agent.id, 'agent');
  currentUser = sessionOf(admin);
});

const csvFile = (text: string) => new File([text], 'products.csv', { type: 'text/csv' });
const download = (workspaceId: string) =>
  exportRoute.GET(new Request(`http://localhost/api/w/${workspaceId}/products/export`), { params: Promise.resolve({ workspaceId }) });

async function seedCatalogue() {
  const save = (values: Record<string, unknown>) => productActions.saveProductAction({ workspaceId: shop.id, description: '', hashtags: '', images: '[]', variants: '[]', visibleOnStore: 'on', ...values });
  expect(
    await save({
      name: 'Tee, "classic"',
      sku: 'TEE-1',
      description: 'Line one\nline two, with commas — and ไทย',
      hashtags: '#tee #summer',
      price: '12.50',
      currency: 'USD',
      stock: 10,
      images: JSON.stringify([pictures.url('a'), `${pictures.url('b')}?x=1,2`]),
      variants: JSON.stringify([
        { sku: 'TEE-1-S', name: 'Small', price: '', stock: 4 },
        { sku: 'TEE-1-L', name: 'Large', price: '14.00', stock: 0 },
      ]),
    }),
  ).toMatchObject({ ok: true });
  expect(await save({ name: '=HYPERLINK("http://evil.test","click")', sku: 'EVIL', description: '@SUM(1+1)', price: '1290', currency: 'JPY', stock: 0, visibleOnStore: '' })).toMatchObject({ ok: true });
  expect(await save({ name: 'Gift set', sku: 'SET-1', hashtags: 'set', price: '0', currency: 'THB', stock: 3 })).toMatchObject({ ok: true });
}

const catalogue = async (workspaceId: string) => {
  const rows = await getDb().select().from(products).where(eq(products.workspaceId, workspaceId));
  const variants = await getDb().select().from(productVariants).where(eq(productVariants.workspaceId, workspaceId));
  return rows
    .map(({ id, workspaceId: _w, createdAt: _c, updatedAt: _u, ...p }) => ({
      ...p,
      variants: variants
        .filter((v) => v.productId === id)
        .sort((a, b) => a.position - b.position)
        .map(({ sku, name, priceMinor, stock, position }) => ({ sku, name, priceMinor, stock, position })),
    }))
    .sort((a, b) => a.sku.localeCompare(b.sku));
};

describe('products CSV', () => {
  it('round trip: export → import into an empty workspace gives the same catalogue (and the same file)', async () => {
    await seedCatalogue();
    const response = await download(shop.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="products-.*\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 BOM
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufefftype,sku,parent_sku,name,description,hashtags,price,currency,stock,images,visible_on_store,set_items');

    const imported = await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile(text) });
    expect(imported).toEqual({ ok: true, data: { created: 3, updated: 0, variants: 2 } });
    expect(await catalogue(emptyShop.id)).toEqual(await catalogue(shop.id));
    expect(await exportProductsCsv(getDb(), emptyShop.id)).toBe(text);

    // Importing the same file again updates in place: nothing new, variants keep their ids.
    const before = await getDb().select().from(productVariants).where(eq(productVariants.workspaceId, emptyShop.id));
    expect(await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile(text) })).toEqual({ ok: true, data: { created: 0, updated: 3, variants: 2 } });
    const after = await getDb().select().from(productVariants).where(eq(productVariants.workspaceId, emptyShop.id));
    expect(after.map((v) => v.id).sort()).toEqual(before.map((v) => v.id).sort());
  });

  it('export neutralizes spreadsheet formulas; import restores the text', async () => {
    await seedCatalogue();
    const text = await exportProductsCsv(getDb(), shop.id);
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const evil = parsed.rows.find((r) => r[1] === 'EVIL')!;
    expect(evil[3]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(evil[4]).toBe(`'@SUM(1+1)`);
    expect(evil[6]).toBe('1290'); // JPY has no minor unit
    // No cell of the file starts with a formula character.
    for (const row of parsed.rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).toContain('"Line one\nline two, with commas — and ไทย"');
  });

  it('reports every bad row with its line and imports nothing', async () => {
    await seedCatalogue();
    const before = await catalogue(shop.id);
    const text = [
      'sku,type,name,price,currency,stock,parent_sku,visible_on_store', // any column order
      'NEW-1,product,Fine product,5.00,USD,3,,yes',
      'TEE-1,product,Updated tee,13.00,USD,2,,yes', // would update
      'BAD 2,product,,abc,US,-1,,maybe',
      'NEW-1,product,Twice,5,USD,1,,yes',
      'V-1,variant,"Multi',
      'line variant",1,,2,NOPE,',
      'V-2,variant,Fine variant,1.999,,2,NEW-1,',
      'X,thing,What,1,USD,1,,',
      'TEE-1-L,variant,Stolen,,,1,NEW-1,', // belongs to TEE-1 which is in the file but keeps it
    ].join('\n');
    const result = await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile(text) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(result.error).toMatch(/^Nothing was imported: \d+ rows have errors\./);
    const lines = Object.keys(result.fieldErrors ?? {});
    expect(lines).toEqual(expect.arrayContaining(['line 4', 'line 5', 'line 6', 'line 8', 'line 9']));
    expect(lines).not.toContain('line 2');
    expect(lines).not.toContain('line 3');
    const errors = result.fieldErrors!;
    expect(errors['line 4'].join(' ')).toMatch(/name/);
    expect(errors['line 4'].join(' ')).toMatch(/price/);
    expect(errors['line 4'].join(' ')).toMatch(/visible_on_store/);
    expect(errors['line 5'].join(' ')).toMatch(/already on line 2/);
    expect(errors['line 6'].join(' ')).toMatch(/no product row with the SKU NOPE/); // a quoted line break: the row starts on line 6
    expect(errors['line 8'].join(' ')).toMatch(/decimals/);
    expect(errors['line 9'].join(' ')).toMatch(/type must be product, variant or set/);
    expect(await catalogue(shop.id)).toEqual(before);
  });

  it('round trip with a set: set_items names products and options by SKU; the set comes back with the same components', async () => {
    await seedCatalogue();
    const tee = await getDb().select().from(products).where(eq(products.sku, 'TEE-1'));
    const evil = (await getDb().select().from(products).where(eq(products.workspaceId, shop.id))).find((p) => p.sku === 'EVIL')!;
    const small = (await getDb().select().from(productVariants).where(eq(productVariants.workspaceId, shop.id))).find((v) => v.sku === 'TEE-1-S')!;
    expect(tee.length).toBeGreaterThan(0);
    const kit = await productActions.saveProductAction({
      workspaceId: shop.id,
      kind: 'set',
      name: 'Starter kit',
      sku: 'KIT-1',
      description: 'Tee and a print',
      hashtags: '#kit',
      price: '20',
      currency: 'USD',
      stock: '0',
      visibleOnStore: 'on',
      setItems: JSON.stringify([
        { productId: small.productId, variantId: small.id, quantity: 2 },
        { productId: evil.id, quantity: 1 },
      ]),
    });
    expect(kit).toMatchObject({ ok: true });

    const text = await exportProductsCsv(getDb(), shop.id);
    expect(text).toContain('\r\nset,KIT-1,,Starter kit,Tee and a print,#kit,20.00,USD,,,yes,TEE-1-S*2;EVIL*1\r\n');
    expect(text).toContain('\r\nvariant,TEE-1-S,TEE-1,Small,,,,,4,,,\r\n');
    // The set row comes before the products it names (sorted by SKU): import still resolves them.
    expect(text.indexOf('KIT-1')).toBeLessThan(text.indexOf('product,TEE-1'));

    expect(await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile(text) })).toEqual({ ok: true, data: { created: 4, updated: 0, variants: 2 } });
    expect(await catalogue(emptyShop.id)).toEqual(await catalogue(shop.id));
    expect(await exportProductsCsv(getDb(), emptyShop.id)).toBe(text);
    const [copy] = await getDb().select().from(products).where(eq(products.workspaceId, emptyShop.id)).then((rows) => rows.filter((r) => r.sku === 'KIT-1'));
    const items = await getDb().select().from(productSetItems).where(eq(productSetItems.setProductId, copy.id));
    expect(items.map((i) => i.quantity).sort()).toEqual([1, 2]);
    expect(items.every((i) => i.workspaceId === emptyShop.id)).toBe(true);

    // Again: updated in place, components unchanged.
    expect(await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile(text) })).toEqual({ ok: true, data: { created: 0, updated: 4, variants: 2 } });
    expect(await exportProductsCsv(getDb(), emptyShop.id)).toBe(text);
  });

  it('checks set rows: their products exist, are not sets and name an option when they have options', async () => {
    await seedCatalogue();
    const before = await catalogue(shop.id);
    const text = [
      'type,sku,parent_sku,name,price,currency,stock,set_items',
      'set,KIT-A,,Kit A,10,USD,,TEE-1-S*2;MUG*1', // line 2: fine (MUG is in the file)
      'product,MUG,,Mug,5,USD,3,', // line 3
      'set,KIT-B,,Kit B,10,USD,,KIT-A*1;NOPE*1;TEE-1', // line 4: a set, an unknown SKU, a product with options
      'variant,KIT-B-S,KIT-A,Small,,,1,', // line 5: sets have no variants
      'product,PLAIN,,Plain,1,USD,1,MUG*1', // line 6: set_items on a product
      'set,KIT-C,,Kit C,1,USD,5,MUG*0', // line 7: stock on a set, quantity 0
      'set,KIT-D,,Kit D,1,USD,,', // line 8: empty
      'set,EVIL,,Now a set,1,USD,,MUG', // line 9: EVIL is a product in the shop
      'set,KIT-E,,Kit E,1,USD,,MUG*1;mug*2', // line 10: twice
    ].join('\n');
    const result = await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile(text) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.fieldErrors!;
    expect(Object.keys(errors).sort()).toEqual(['line 10', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8'].sort());
    expect(errors['line 4'].join(' ')).toContain('KIT-A is a set; a set can only contain products.');
    expect(errors['line 4'].join(' ')).toContain('There is no product or option with the SKU NOPE.');
    expect(errors['line 4'].join(' ')).toContain('TEE-1 has options: list the option’s SKU instead.');
    expect(errors['line 5'].join(' ')).toContain('KIT-A is a set; sets have no variants.');
    expect(errors['line 6'].join(' ')).toContain('only set rows list products');
    expect(errors['line 7'].join(' ')).toContain('stock: a set’s stock comes from its products');
    expect(errors['line 7'].join(' ')).toContain('1 to 999');
    expect(errors['line 8'].join(' ')).toContain('list the set’s products');
    expect(errors['line 10'].join(' ')).toContain('listed twice');
    expect(await catalogue(shop.id)).toEqual(before);

    // The shop-level checks run once the rows themselves are fine: a product cannot become a set.
    const swap = await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile('type,sku,name,price,currency,stock,set_items\nset,EVIL,Now a set,1,USD,,TEE-1-S*1\n') });
    expect(swap).toMatchObject({ ok: false, fieldErrors: { 'line 2': [expect.stringContaining('EVIL is a product in the shop; a set row cannot replace it')] } });
    expect(await catalogue(shop.id)).toEqual(before);
  });

  it('brings pictures named by URL into the file store; a private address is a row error and nothing is imported', async () => {
    const header = 'type,sku,name,price,currency,stock,images';
    const good = await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile([header, `product,PIC-1,Pictured,5,USD,1,${pictures.url('pic')}`].join('\n')) });
    expect(good).toMatchObject({ ok: true, data: { created: 1 } });
    const [row] = await getDb().select().from(products).where(eq(products.sku, 'PIC-1'));
    expect(row.images).toEqual([expect.stringMatching(/^https:\/\/shop\.example\.test\/api\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/)]);

    const bad = await productActions.importProductsAction({
      workspaceId: shop.id,
      file: csvFile([header, 'product,PIC-2,Fine,5,USD,1,', 'product,PIC-3,Metadata,5,USD,1,http://169.254.169.254/latest/meta-data/'].join('\n')),
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { 'line 3': [expect.stringMatching(/PIC-3: images: .*169\.254\.169\.254 is a link-local address/)] } });
    expect(await getDb().select().from(products).where(eq(products.sku, 'PIC-2'))).toEqual([]);
  });

  it('reports malformed CSV and missing columns without importing', async () => {
    const broken = await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile('type,sku,name,price,currency,stock\nproduct,A,"open,1,USD,1\n') });
    expect(broken).toMatchObject({ ok: false, code: 'invalid', error: expect.stringContaining('not valid CSV') });
    const columns = await productActions.importProductsAction({ workspaceId: emptyShop.id, file: csvFile('type,sku,name\nproduct,A,B\n') });
    expect(columns).toMatchObject({ ok: false, error: expect.stringContaining('price, currency, stock') });
    const latin1 = await productActions.importProductsAction({ workspaceId: emptyShop.id, file: new File([Buffer.from([0x61, 0xe9, 0x0a])], 'x.csv') });
    expect(latin1).toMatchObject({ ok: false, error: expect.stringContaining('UTF-8') });
    expect(await catalogue(emptyShop.id)).toEqual([]);
  });

  it('accepts CRLF, a BOM and quoted commas; updates by SKU', async () => {
    await seedCatalogue();
    const text = '\ufefftype,sku,parent_sku,name,price,currency,stock,hashtags\r\nproduct,TEE-1,,"Tee, renamed",9.99,USD,1,#new\r\nvariant,TEE-1-M,TEE-1,Medium,,,5,\r\nproduct,MUG,,Mug,4,USD,2,\r\n';
    expect(await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile(text) })).toEqual({ ok: true, data: { created: 1, updated: 1, variants: 1 } });
    const rows = await catalogue(shop.id);
    expect(rows.find((p) => p.sku === 'TEE-1')).toMatchObject({ name: 'Tee, renamed', priceMinor: 999, stock: 1, hashtags: ['new'], visibleOnStore: false, variants: [{ sku: 'TEE-1-M', name: 'Medium', stock: 5 }] });
    expect(rows.map((p) => p.sku)).toEqual(['EVIL', 'MUG', 'SET-1', 'TEE-1']);
  });

  it('moves a variant SKU between products listed in the file; refuses SKUs owned by products outside it', async () => {
    await seedCatalogue();
    const head = 'type,sku,parent_sku,name,price,currency,stock\n';
    const moved = await productActions.importProductsAction({
      workspaceId: shop.id,
      file: csvFile(`${head}product,TEE-1,,Tee,12.50,USD,10\nvariant,TEE-1-S,TEE-1,Small,,,4\nproduct,SET-1,,Gift set,0,THB,3\nvariant,TEE-1-L,SET-1,Large in a set,,,1\n`),
    });
    expect(moved).toEqual({ ok: true, data: { created: 0, updated: 2, variants: 2 } });
    const rows = await catalogue(shop.id);
    expect(rows.find((p) => p.sku === 'TEE-1')!.variants.map((v) => v.sku)).toEqual(['TEE-1-S']);
    expect(rows.find((p) => p.sku === 'SET-1')!.variants.map((v) => v.sku)).toEqual(['TEE-1-L']);

    const clash = await productActions.importProductsAction({
      workspaceId: shop.id,
      file: csvFile(`${head}product,NEW,,New,1,USD,1\nvariant,TEE-1-S,NEW,Taken,,,1\nvariant,EVIL,NEW,Also taken,,,1\n`),
    });
    expect(clash).toMatchObject({ ok: false, fieldErrors: { 'line 3': [expect.stringContaining('another product')], 'line 4': [expect.stringContaining('already a product')] } });
    expect(await catalogue(shop.id)).toEqual(rows);
  });

  it('export and import are for admins of the workspace only', async () => {
    await seedCatalogue();
    currentUser = sessionOf(agent);
    expect((await download(shop.id)).status).toBe(403);
    expect(await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile('type,sku\n') })).toMatchObject({ ok: false, code: 'forbidden' });
    currentUser = sessionOf(outsider);
    expect((await download(shop.id)).status).toBe(404);
    expect(await productActions.importProductsAction({ workspaceId: shop.id, file: csvFile('type,sku\n') })).toMatchObject({ ok: false, code: 'forbidden' });
    currentUser = null;
    expect((await download(shop.id)).status).toBe(401);
    expect((await exportRoute.GET(new Request('http://localhost/x'), { params: Promise.resolve({ workspaceId: 'nope' }) })).status).toBe(404);
  });
});
