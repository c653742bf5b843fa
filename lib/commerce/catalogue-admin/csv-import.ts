import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { resolveSetItems, writeSetItems } from '../sets';
import type { CsvImportResult } from './csv-format';
import { readProductsCsv, type CheckedFile, type FileProduct, type PendingProduct } from './csv-rows';
import { checkSetComponents, checkSkusAgainstShop, loadShopSkus } from './csv-shop-checks';
import { importProductImage } from './images';
import { writeVariants } from './variants';

// Settings → Products → Import: the rows are checked on their own (csv-rows.ts), then
// against the shop (csv-shop-checks.ts); only a file without any error is written, in one
// transaction, so an import is all or nothing.

type ImportOptions = {
  /** The app's public origin, asked for only when the file names pictures to bring in. */
  origin: () => Promise<string> | string;
};

/**
 * Pictures named by URL come into the file store (before the transaction: downloads are
 * slow); links that are already ours are kept, so an exported file imports back unchanged.
 */
async function bringInImages(db: DbOrTx, ctx: ActorContext, file: CheckedFile, options: ImportOptions) {
  for (const { pending: p, resolved } of file.products) {
    const images: string[] = [];
    for (const url of resolved.product.images) {
      try {
        images.push(await importProductImage(db, ctx, url, await options.origin(), 'images'));
      } catch (error) {
        file.errors.push({ line: p.line, sku: resolved.product.sku, messages: [`images: ${error instanceof Error ? error.message : String(error)}`] });
      }
    }
    resolved.product.images = images;
  }
}

/**
 * A variant SKU that moves to another product in this file is removed from its old one
 * first; the others are updated in place (orders keep pointing at them).
 */
async function removeMovingVariants(tx: DbOrTx, fileProducts: FileProduct[], idBySku: Map<string, string>) {
  const touched = fileProducts.map((r) => idBySku.get(r.resolved.product.sku.toLowerCase())).filter((id): id is string => Boolean(id));
  if (!touched.length) return;
  const current = await tx.select().from(productVariants).where(inArray(productVariants.productId, touched));
  const target = new Map(fileProducts.flatMap((r) => r.resolved.variants.map((v) => [v.sku.toLowerCase(), r.resolved.product.sku.toLowerCase()] as const)));
  const moving = current.filter((v) => {
    const to = target.get(v.sku.toLowerCase());
    return to !== undefined && idBySku.get(to) !== v.productId;
  });
  if (moving.length) await tx.delete(productVariants).where(inArray(productVariants.id, moving.map((v) => v.id)));
}

/** Sets last: their components may be products this file just created. */
async function writeSets(tx: DbOrTx, ctx: ActorContext, sets: { id: string; items: PendingProduct['setItems'] }[]) {
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

/** Creates or updates the file's products by SKU, in one transaction. */
async function writeImport(db: DbOrTx, ctx: ActorContext, fileProducts: FileProduct[]) {
  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    let variantCount = 0;
    const existing = await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.workspaceId, ctx.workspaceId)).for('update');
    const idBySku = new Map(existing.map((p) => [p.sku.toLowerCase(), p.id]));
    await removeMovingVariants(tx, fileProducts, idBySku);
    const sets: { id: string; items: PendingProduct['setItems'] }[] = [];
    for (const { pending: p, resolved } of fileProducts) {
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
    if (sets.length) await writeSets(tx, ctx, sets);
    await writeAudit(tx, ctx, 'product.imported', { type: 'product', id: null }, { created, updated, variants: variantCount });
    return { ok: true as const, created, updated, variants: variantCount };
  });
}

/** Checks every row, then (only if all are valid) creates or updates the products in one transaction. */
export async function importProductsCsv(db: DbOrTx, ctx: ActorContext, text: string, options: ImportOptions): Promise<CsvImportResult> {
  const read = readProductsCsv(text);
  if (!read.ok) return read;
  const { file } = read;

  const hasSets = file.products.some((r) => r.pending.kind === 'set');
  const shop = file.errors.length === 0 || hasSets ? await loadShopSkus(db, ctx) : null;
  if (shop && file.errors.length === 0) checkSkusAgainstShop(file, shop);
  if (shop && hasSets) checkSetComponents(file, shop);
  if (file.errors.length === 0) await bringInImages(db, ctx, file, options);

  if (file.errors.length > 0) {
    const errors = [...file.errors].sort((a, b) => a.line - b.line);
    const rows = new Set(errors.map((e) => e.line)).size;
    return { ok: false, message: `Nothing was imported: ${rows} ${rows === 1 ? 'row has' : 'rows have'} errors. Fix them and import the file again.`, errors };
  }
  return writeImport(db, ctx, file.products);
}
