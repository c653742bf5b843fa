import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import type { ProductKind } from '@/db/schema';
import { UserError } from '@/lib/errors';
import { importProductImage, productInput, resolveProductValues, fromMinor, variantInput, writeVariants, type VariantRow } from './catalogue-admin';
import { formatSetItemsCell, loadSetComponents, MAX_SET_ITEMS, parseSetItemsCell, resolveSetItems, writeSetItems } from './sets';
import { parseCsv, restoreFormula, writeCsv } from './csv';

// Products as CSV (Settings → Products → Export / Import). The format, one product per
// "product" row followed by one "variant" row per variant, and one "set" row per set:
//
//   type,sku,parent_sku,name,description,hashtags,price,currency,stock,images,visible_on_store,set_items
//   product,TEE-1,,Cotton tee,"Soft, 100% cotton",#tee #summer,12.50,USD,10,https://…/a.jpg https://…/b.jpg,yes,
//   variant,TEE-1-S,TEE-1,Small,,,,,4,,,
//   variant,TEE-1-L,TEE-1,Large,,,14.00,,6,,,
//   set,BEACH,,Beach kit,,#summer,30.00,USD,,,yes,TEE-1-S*1;MUG*2
//
// - set_items (set rows only): the set's products as SKU*quantity separated by ";" — a
//   variant's SKU for one option of a product that has options. A set row has no stock
//   (it is derived from the components) and no variant rows. Components may be products
//   of the file or already in the shop, never sets.
// - price is in major units with a dot ("12.50", "1290" for THB without satang in use…);
//   a variant's empty price means "the product's price"; a variant's currency is its product's.
// - hashtags are separated by spaces ("#" optional); images are web addresses separated by spaces (fetched into Baton's file store on import).
// - visible_on_store: yes / no (also true/false, 1/0).
// - Import creates or updates products by SKU; a product's variants become exactly the
//   variant rows listed under its SKU (others are removed). Products not in the file are
//   left alone. Every row is checked first: if any row has an error nothing is imported
//   and each error is reported with its line number.
// - Export writes UTF-8 with a BOM (spreadsheets then read it as UTF-8); cells that a
//   spreadsheet would run as a formula (= + - @) are prefixed with an apostrophe, which
//   import removes again. Columns may come in any order; unknown columns are ignored.

export const CSV_COLUMNS = ['type', 'sku', 'parent_sku', 'name', 'description', 'hashtags', 'price', 'currency', 'stock', 'images', 'visible_on_store', 'set_items'] as const;
const OPTIONAL_COLUMNS: readonly Column[] = ['description', 'hashtags', 'images', 'visible_on_store', 'parent_sku', 'set_items'];
type Column = (typeof CSV_COLUMNS)[number];

export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 10_000;

export async function exportProductsCsv(db: DbOrTx, workspaceId: string): Promise<string> {
  const rows = await db.select().from(products).where(eq(products.workspaceId, workspaceId)).orderBy(asc(products.sku));
  const variants = rows.length
    ? await db
        .select()
        .from(productVariants)
        .where(inArray(productVariants.productId, rows.map((r) => r.id)))
        .orderBy(asc(productVariants.position), asc(productVariants.sku))
    : [];
  const byProduct = new Map<string, VariantRow[]>();
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  const components = await loadSetComponents(db, { workspaceId }, rows.filter((r) => r.kind === 'set').map((r) => r.id));
  const out: string[][] = [[...CSV_COLUMNS]];
  for (const p of rows) {
    const isSet = p.kind === 'set';
    out.push([
      p.kind,
      p.sku,
      '',
      p.name,
      p.description ?? '',
      p.hashtags.map((h) => `#${h}`).join(' '),
      fromMinor(p.priceMinor, p.currency),
      p.currency,
      isSet ? '' : String(p.stock),
      p.images.join(' '),
      p.visibleOnStore ? 'yes' : 'no',
      isSet ? formatSetItemsCell(components.get(p.id) ?? []) : '',
    ]);
    for (const v of byProduct.get(p.id) ?? []) {
      out.push(['variant', v.sku, p.sku, v.name, '', '', v.priceMinor === null ? '' : fromMinor(v.priceMinor, p.currency), '', String(v.stock), '', '', '']);
    }
  }
  return writeCsv(out, { bom: true });
}

export type CsvRowError = { line: number; sku?: string; messages: string[] };
export type CsvImportResult =
  | { ok: true; created: number; updated: number; variants: number }
  | { ok: false; message: string; errors: CsvRowError[] };

const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

type PendingProduct = {
  line: number;
  kind: ProductKind;
  values: ReturnType<typeof resolveProductValues>['product'];
  variantLines: { line: number; sku: string; name: string; price: string; stock: string }[];
  /** A set's components by SKU, resolved to ids once everything in the file is written. */
  setItems: { sku: string; quantity: number }[];
};

/** Checks every row, then (only if all are valid) creates or updates the products in one transaction. */
export async function importProductsCsv(
  db: DbOrTx,
  ctx: ActorContext,
  text: string,
  /** The app's public origin, asked for only when the file names pictures to bring in. */
  options: { origin: () => Promise<string> | string },
): Promise<CsvImportResult> {
  const fail = (message: string, errors: CsvRowError[] = []): CsvImportResult => ({ ok: false, message, errors });
  if (Buffer.byteLength(text, 'utf8') > CSV_MAX_BYTES) return fail('The file is larger than 5 MB. Split it into smaller files.');
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(`Nothing was imported: the file is not valid CSV (line ${parsed.line}: ${parsed.error})`, [{ line: parsed.line, messages: [parsed.error] }]);
  const [header, ...records] = parsed.rows;
  if (!header) return fail('The file is empty.');
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  if (missing.length) return fail(`Nothing was imported: the header is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, [{ line: 1, messages: [`Missing columns: ${missing.join(', ')}`] }]);
  if (records.length > CSV_MAX_ROWS) return fail(`The file has more than ${CSV_MAX_ROWS.toLocaleString('en-US')} rows. Split it into smaller files.`);

  // Line numbers of the file (the header is line 1; a cell with line breaks spans several).
  const errors: CsvRowError[] = [];
  const pending = new Map<string, PendingProduct>();
  const skuLines = new Map<string, number>();
  const variantRows: { line: number; parent: string; sku: string; name: string; price: string; stock: string }[] = [];

  records.forEach((record, index) => {
    const line = parsed.lines[index + 1];
    const cell = (c: Column) => {
      const i = names.indexOf(c);
      return i === -1 ? '' : restoreFormula((record[i] ?? '').trim());
    };
    const messages: string[] = [];
    const type = cell('type').toLowerCase();
    const sku = cell('sku');
    if (sku) {
      const seen = skuLines.get(sku.toLowerCase());
      if (seen) messages.push(`The SKU ${sku} is already on line ${seen}.`);
      else skuLines.set(sku.toLowerCase(), line);
    }
    if (type !== 'set' && cell('set_items')) messages.push('set_items: only set rows list products.');
    if (type === 'product' || type === 'set') {
      const isSet = type === 'set';
      let setItems: { sku: string; quantity: number }[] = [];
      if (isSet) {
        // A set's stock is derived from its products; a number here would be misleading.
        if (cell('stock') !== '' && cell('stock') !== '0') messages.push('stock: a set’s stock comes from its products; leave it empty.');
        const parsedItems = parseSetItemsCell(cell('set_items'));
        if (typeof parsedItems === 'string') messages.push(`set_items: ${parsedItems}`);
        else if (parsedItems.length === 0) messages.push('set_items: list the set’s products as SKU*quantity, separated by ";".');
        else if (parsedItems.length > MAX_SET_ITEMS) messages.push(`set_items: a set can hold at most ${MAX_SET_ITEMS} different products.`);
        else {
          const dup = parsedItems.find((item, i) => parsedItems.findIndex((o) => o.sku.toLowerCase() === item.sku.toLowerCase()) !== i);
          if (dup) messages.push(`set_items: ${dup.sku} is listed twice; give it one quantity.`);
          else if (parsedItems.some((item) => item.sku.toLowerCase() === sku.toLowerCase())) messages.push('set_items: a set cannot contain itself.');
          setItems = parsedItems;
        }
      }
      const visible = cell('visible_on_store').toLowerCase();
      if (!YES.has(visible) && !NO.has(visible)) messages.push('visible_on_store must be yes or no.');
      const result = productInput.safeParse({
        sku,
        name: cell('name'),
        description: cell('description'),
        hashtags: cell('hashtags'),
        price: cell('price'),
        currency: cell('currency'),
        stock: isSet ? '0' : cell('stock') === '' ? 'x' : cell('stock'),
        visibleOnStore: YES.has(visible),
        images: cell('images').split(/\s+/).filter(Boolean),
        variants: [],
      });
      if (!result.success) {
        for (const issue of result.error.issues) messages.push(`${String(issue.path[0] ?? 'row')}: ${issue.message}`);
      } else {
        const resolved = resolveProductValues(result.data);
        for (const list of Object.values(resolved.fieldErrors)) messages.push(...list.map((m) => `price: ${m}`));
        if (messages.length === 0) pending.set(sku.toLowerCase(), { line, kind: isSet ? 'set' : 'product', values: resolved.product, variantLines: [], setItems });
      }
    } else if (type === 'variant') {
      const parent = cell('parent_sku');
      if (!parent) messages.push('parent_sku: a variant row names its product’s SKU.');
      const result = variantInput.safeParse({ sku, name: cell('name'), price: cell('price'), stock: cell('stock') === '' ? 'x' : cell('stock') });
      if (!result.success) for (const issue of result.error.issues) messages.push(`${String(issue.path[0] ?? 'row')}: ${issue.message}`);
      else if (parent) variantRows.push({ line, parent, sku: result.data.sku, name: result.data.name, price: result.data.price, stock: String(result.data.stock) });
    } else {
      messages.push('type must be product, variant or set.');
    }
    if (messages.length) errors.push({ line, sku: sku || undefined, messages });
  });

  for (const v of variantRows) {
    const parent = pending.get(v.parent.toLowerCase());
    if (!parent) {
      if (!errors.some((e) => e.line === v.line) && !skuLines.has(v.parent.toLowerCase())) {
        errors.push({ line: v.line, sku: v.sku, messages: [`parent_sku: there is no product row with the SKU ${v.parent} in this file.`] });
      }
      continue;
    }
    if (parent.kind === 'set') {
      errors.push({ line: v.line, sku: v.sku, messages: [`parent_sku: ${v.parent} is a set; sets have no variants.`] });
      continue;
    }
    parent.variantLines.push({ line: v.line, sku: v.sku, name: v.name, price: v.price, stock: v.stock });
  }

  // Variant prices in their product's currency.
  const resolvedProducts = [...pending.values()].map((p) => {
    const resolved = resolveProductValues({
      ...p.values,
      price: fromMinor(p.values.priceMinor, p.values.currency),
      description: p.values.description ?? '',
      variants: p.variantLines.map((v) => ({ sku: v.sku, name: v.name, price: v.price, stock: Number(v.stock), id: undefined })),
    });
    for (const [key, list] of Object.entries(resolved.fieldErrors)) {
      const index = Number(key.split('.')[1]);
      const v = p.variantLines[index];
      errors.push({ line: v?.line ?? p.line, sku: v?.sku, messages: list });
    }
    return { pending: p, resolved };
  });

  // The shop's SKUs as they are now (lower-cased): products by id and kind, variants by owner.
  const shopSkus = async () => {
    const existing = await db.select({ id: products.id, sku: products.sku, kind: products.kind }).from(products).where(eq(products.workspaceId, ctx.workspaceId));
    const allVariants = await db
      .select({ sku: productVariants.sku, productId: productVariants.productId })
      .from(productVariants)
      .where(eq(productVariants.workspaceId, ctx.workspaceId));
    return {
      existing,
      allVariants,
      idBySku: new Map(existing.map((p) => [p.sku.toLowerCase(), p.id])),
      kindBySku: new Map(existing.map((p) => [p.sku.toLowerCase(), p.kind])),
      variantOwner: new Map(allVariants.map((v) => [v.sku.toLowerCase(), v.productId])),
    };
  };

  // SKUs the file uses that belong to other products already in the shop.
  if (errors.length === 0) {
    const { idBySku, kindBySku, variantOwner } = await shopSkus();
    const productIdsInFile = new Set(resolvedProducts.map((r) => idBySku.get(r.resolved.product.sku.toLowerCase())).filter(Boolean));
    for (const { pending: p, resolved } of resolvedProducts) {
      const ownId = idBySku.get(resolved.product.sku.toLowerCase());
      const ownKind = kindBySku.get(resolved.product.sku.toLowerCase());
      if (ownKind && ownKind !== p.kind) {
        errors.push({ line: p.line, sku: resolved.product.sku, messages: [`The SKU ${resolved.product.sku} is a ${ownKind} in the shop; a ${p.kind} row cannot replace it.`] });
      }
      const owner = variantOwner.get(resolved.product.sku.toLowerCase());
      if (owner && owner !== ownId && !productIdsInFile.has(owner)) {
        errors.push({ line: p.line, sku: resolved.product.sku, messages: [`The SKU ${resolved.product.sku} is used by a variant of another product.`] });
      }
      for (const [i, v] of resolved.variants.entries()) {
        const key = v.sku.toLowerCase();
        const productOwner = idBySku.get(key);
        const vOwner = variantOwner.get(key);
        const line = p.variantLines[i].line;
        if (productOwner && !pending.has(key)) errors.push({ line, sku: v.sku, messages: [`The SKU ${v.sku} is already a product’s SKU.`] });
        else if (vOwner && vOwner !== ownId && !productIdsInFile.has(vOwner)) errors.push({ line, sku: v.sku, messages: [`The SKU ${v.sku} belongs to a variant of another product.`] });
      }
    }
  }

  // Each set's components: what the SKU will be once the file is imported. Checked even when
  // other rows have errors, so one import attempt reports every wrong set.
  if (resolvedProducts.some((r) => r.pending.kind === 'set')) {
    const { existing, allVariants, idBySku, kindBySku, variantOwner } = await shopSkus();
    const skuOfId = new Map(existing.map((p) => [p.id, p.sku.toLowerCase()]));
    const withOptionsInShop = new Set(allVariants.map((v) => v.productId));
    const variantSkusInFile = new Map(resolvedProducts.flatMap((r) => r.resolved.variants.map((v) => [v.sku.toLowerCase(), r.pending] as const)));
    for (const { pending: p } of resolvedProducts) {
      if (p.kind !== 'set') continue;
      const problems: string[] = [];
      for (const item of p.setItems) {
        const key = item.sku.toLowerCase();
        const inFile = pending.get(key);
        const shopKind = kindBySku.get(key);
        const shopVariantOwner = variantOwner.get(key);
        if (!inFile && skuLines.has(key) && !variantSkusInFile.has(key)) continue; // its own row has errors, reported there
        if (inFile?.kind === 'set' || (!inFile && shopKind === 'set')) problems.push(`${item.sku} is a set; a set can only contain products.`);
        else if (inFile) {
          if (inFile.variantLines.length > 0) problems.push(`${item.sku} has options: list the option’s SKU instead.`);
        } else if (shopKind) {
          if (withOptionsInShop.has(idBySku.get(key)!)) problems.push(`${item.sku} has options: list the option’s SKU instead.`);
        } else if (variantSkusInFile.has(key)) {
          // An option listed in this file.
        } else if (shopVariantOwner && !pending.has(skuOfId.get(shopVariantOwner) ?? '')) {
          // An option of a product the file leaves alone.
        } else problems.push(`There is no product or option with the SKU ${item.sku}.`);
      }
      if (problems.length) errors.push({ line: p.line, sku: p.values.sku, messages: problems.map((m) => `set_items: ${m}`) });
    }
  }

  // Pictures named by URL come into the file store (before the transaction: downloads are
  // slow); links that are already ours are kept, so an exported file imports back unchanged.
  if (errors.length === 0) {
    for (const { pending: p, resolved } of resolvedProducts) {
      const images: string[] = [];
      for (const url of resolved.product.images) {
        try {
          images.push(await importProductImage(db, ctx, url, await options.origin(), 'images'));
        } catch (error) {
          errors.push({ line: p.line, sku: resolved.product.sku, messages: [`images: ${error instanceof Error ? error.message : String(error)}`] });
        }
      }
      resolved.product.images = images;
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    const rows = new Set(errors.map((e) => e.line)).size;
    return fail(`Nothing was imported: ${rows} ${rows === 1 ? 'row has' : 'rows have'} errors. Fix them and import the file again.`, errors);
  }

  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    let variantCount = 0;
    const existing = await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.workspaceId, ctx.workspaceId)).for('update');
    const idBySku = new Map(existing.map((p) => [p.sku.toLowerCase(), p.id]));
    // A variant SKU that moves to another product in this file is removed from its old one
    // first; the others are updated in place (orders keep pointing at them).
    const touched = resolvedProducts.map((r) => idBySku.get(r.resolved.product.sku.toLowerCase())).filter((id): id is string => Boolean(id));
    if (touched.length) {
      const current = await tx.select().from(productVariants).where(inArray(productVariants.productId, touched));
      const target = new Map(resolvedProducts.flatMap((r) => r.resolved.variants.map((v) => [v.sku.toLowerCase(), r.resolved.product.sku.toLowerCase()] as const)));
      const moving = current.filter((v) => {
        const to = target.get(v.sku.toLowerCase());
        return to !== undefined && idBySku.get(to) !== v.productId;
      });
      if (moving.length) await tx.delete(productVariants).where(inArray(productVariants.id, moving.map((v) => v.id)));
    }
    const sets: { id: string; items: PendingProduct['setItems'] }[] = [];
    for (const { pending: p, resolved } of resolvedProducts) {
      let id = idBySku.get(resolved.product.sku.toLowerCase());
      if (id) {
        await tx.update(products).set({ ...resolved.product, updatedAt: new Date() }).where(eq(products.id, id));
        updated++;
      } else {
        const [row] = await tx.insert(products).values({ ...resolved.product, kind: p.kind, workspaceId: ctx.workspaceId }).returning({ id: products.id });
        id = row.id;
        created++;
      }
      if (p.kind === 'set') sets.push({ id, items: p.setItems });
      else {
        await writeVariants(tx, ctx, id, resolved.variants);
        variantCount += resolved.variants.length;
      }
    }
    // Sets last: their components may be products this file just created.
    if (sets.length) {
      const productBySku = new Map(
        (await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.workspaceId, ctx.workspaceId))).map((r) => [r.sku.toLowerCase(), r.id]),
      );
      const variantBySku = new Map(
        (await tx.select({ id: productVariants.id, sku: productVariants.sku, productId: productVariants.productId }).from(productVariants).where(eq(productVariants.workspaceId, ctx.workspaceId))).map(
          (r) => [r.sku.toLowerCase(), r],
        ),
      );
      for (const set of sets) {
        const items = set.items.map((item) => {
          const variant = variantBySku.get(item.sku.toLowerCase());
          const productId = variant?.productId ?? productBySku.get(item.sku.toLowerCase());
          if (!productId) throw new UserError('invalid', `There is no product or option with the SKU ${item.sku}.`);
          return { productId, variantId: variant?.id ?? null, quantity: item.quantity };
        });
        // Checked again against what is now written (the same rules as the editor).
        await writeSetItems(tx, ctx, set.id, await resolveSetItems(tx, ctx, set.id, items));
      }
    }
    await writeAudit(tx, ctx, 'product.imported', { type: 'product', id: null }, { created, updated, variants: variantCount });
    return { ok: true as const, created, updated, variants: variantCount };
  });
}
