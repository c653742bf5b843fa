import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orderItems, productSetItems, productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { formatMoney } from '../money';
import { deriveSetStock, loadSetComponents, namesOfSets, resolveSetItems, setsContaining, setStockSql, writeSetItems, type SetComponent } from '../sets';
import { importProductImage, storeProductImage } from './images';
import { MAX_IMAGES, type ProductInput, type ProductRow, type VariantRow } from './product-input';
import { isUniqueViolation, resolveProductValues, skusInUse, skuTaken } from './product-values';
import { writeVariants } from './variants';

// Settings → Products: the admin side of the catalogue the bot's checkout flows and "Share
// product" read. Every function takes the actor's context and only ever reads or writes
// rows of that workspace.

type Ctx = Pick<ActorContext, 'workspaceId'>;

export const PRODUCTS_PAGE_SIZE = 25;

/** `setItems` is empty for a product; for a set, `availableStock` is derived from them. */
export type ProductWithVariants = ProductRow & { variants: VariantRow[]; setItems: SetComponent[]; availableStock: number };

/** `availableStock`: the product's stock, or what a set's components allow. */
export type ProductListItem = ProductRow & { variantCount: number; setItemCount: number; availableStock: number; priceText: string };

/** One page of products, newest first; `q` matches name, SKU (product or variant) or #hashtag. */
export async function listProducts(db: DbOrTx, ctx: Ctx, options: { q?: string; page?: number; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? PRODUCTS_PAGE_SIZE;
  const q = (options.q ?? '').trim();
  const conditions = [eq(products.workspaceId, ctx.workspaceId)];
  if (q) {
    const tag = q.replace(/^#+/, '').toLowerCase();
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const tagLike = `%${tag.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byTag = sql`exists (select 1 from unnest(${products.hashtags}) as h(tag) where h.tag ilike ${tagLike})`;
    if (q.startsWith('#')) conditions.push(byTag);
    else {
      conditions.push(
        or(
          ilike(products.name, like),
          ilike(products.sku, like),
          byTag,
          sql`exists (select 1 from ${productVariants} v where v.product_id = ${products.id} and v.sku ilike ${like})`,
        )!,
      );
    }
  }
  const where = and(...conditions);
  const [{ total }] = await db.select({ total: count() }).from(products).where(where);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const rows = await db
    .select({
      product: products,
      variantCount: sql<number>`(select count(*)::int from ${productVariants} v where v.product_id = "products"."id")`,
      setItemCount: sql<number>`(select count(*)::int from ${productSetItems} si where si.set_product_id = "products"."id")`,
      setStock: setStockSql,
    })
    .from(products)
    .where(where)
    .orderBy(desc(products.createdAt), asc(products.sku))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map(
      (r): ProductListItem => ({
        ...r.product,
        variantCount: r.variantCount,
        setItemCount: r.setItemCount,
        availableStock: r.product.kind === 'set' ? r.setStock : r.product.stock,
        priceText: formatMoney(r.product.priceMinor, r.product.currency),
      }),
    ),
    total,
    page,
    pages,
  };
}

export async function getProduct(db: DbOrTx, ctx: Ctx, id: string): Promise<ProductWithVariants | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) return null;
  const variants = await db.select().from(productVariants).where(eq(productVariants.productId, id)).orderBy(asc(productVariants.position));
  const setItems = row.kind === 'set' ? ((await loadSetComponents(db, ctx, [id])).get(id) ?? []) : [];
  return { ...row, variants, setItems, availableStock: row.kind === 'set' ? deriveSetStock(setItems) : row.stock };
}

export async function saveProduct(
  db: DbOrTx,
  ctx: ActorContext,
  input: ProductInput,
  /** The app's public origin, asked for only when an image is uploaded. */
  options: { origin: () => Promise<string> | string },
): Promise<ProductWithVariants> {
  const isSet = input.kind === 'set';
  // A set has no variants and no stock of its own: both come from its components.
  const resolved = resolveProductValues(isSet ? { ...input, variants: [], stock: 0 } : input);
  if (Object.keys(resolved.fieldErrors).length > 0) {
    const first = Object.values(resolved.fieldErrors)[0][0];
    throw new UserError('invalid', first, resolved.fieldErrors);
  }
  const images: string[] = [];
  for (const url of input.images) images.push(await importProductImage(db, ctx, url, await options.origin(), 'images'));
  if (input.imageUrl) images.push(await importProductImage(db, ctx, input.imageUrl, await options.origin()));
  if (input.imageFile && input.imageFile.size > 0) images.push(await storeProductImage(db, ctx, input.imageFile, await options.origin()));
  if (images.length > MAX_IMAGES) throw new UserError('invalid', `At most ${MAX_IMAGES} images.`, { images: [`At most ${MAX_IMAGES} images.`] });
  resolved.product.images = [...new Set(images)];

  try {
    const id = await db.transaction(async (tx) => {
      if (input.id) {
        const [current] = await tx
          .select({ id: products.id, kind: products.kind })
          .from(products)
          .where(and(eq(products.id, input.id), eq(products.workspaceId, ctx.workspaceId)))
          .for('update');
        if (!current) throw new UserError('not_found', 'This product no longer exists. Reload the page.');
        // Fixed once created: turning a product into a set would strand its variants and stock.
        if (current.kind !== input.kind) throw new UserError('invalid', current.kind === 'set' ? 'This is a set; it cannot become a product.' : 'This is a product; it cannot become a set.');
      }
      const setItems = isSet ? await resolveSetItems(tx, ctx, input.id, input.setItems) : [];
      const taken = await skusInUse(tx, ctx, [resolved.product.sku, ...resolved.variants.map((v) => v.sku)], input.id);
      if (taken.length > 0) {
        const error = skuTaken(taken[0]);
        const isProductSku = taken.some((t) => t.toLowerCase() === resolved.product.sku.toLowerCase());
        if (!isProductSku) {
          const index = resolved.variants.findIndex((v) => v.sku.toLowerCase() === taken[0].toLowerCase());
          throw new UserError('conflict', error.message, { [`variants.${index}.sku`]: [error.message] });
        }
        throw error;
      }
      let productId: string;
      if (input.id) {
        await tx.update(products).set({ ...resolved.product, updatedAt: new Date() }).where(eq(products.id, input.id));
        productId = input.id;
      } else {
        const [row] = await tx.insert(products).values({ ...resolved.product, kind: input.kind, workspaceId: ctx.workspaceId }).returning({ id: products.id });
        productId = row.id;
      }
      if (isSet) await writeSetItems(tx, ctx, productId, setItems);
      else await writeVariants(tx, ctx, productId, resolved.variants);
      await writeAudit(tx, ctx, input.id ? 'product.updated' : 'product.created', { type: 'product', id: productId }, { sku: resolved.product.sku, kind: input.kind });
      return productId;
    });
    return (await getProduct(db, ctx, id))!;
  } catch (e) {
    if (isUniqueViolation(e)) throw skuTaken(input.sku);
    throw e;
  }
}

/**
 * Deletes a product with its variants (or a set with its component list). A product that
 * orders refer to is kept (orders keep their items either way): the admin is told to hide
 * it from the store instead. A product that sets contain is kept too, naming the sets:
 * quietly dropping it would change what those sets' prices buy.
 */
export async function deleteProduct(db: DbOrTx, ctx: ActorContext, input: { id: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(products)
      .where(and(eq(products.id, input.id), eq(products.workspaceId, ctx.workspaceId)))
      .for('update');
    if (!row) throw new UserError('not_found', 'This product no longer exists. Reload the page.');
    const sets = await setsContaining(tx, ctx, { productId: row.id });
    if (sets.length > 0) throw new UserError('conflict', `${row.name} is part of ${namesOfSets(sets)}, so it cannot be deleted. Remove it from the set first.`);
    const [{ used }] = await tx
      .select({ used: count() })
      .from(orderItems)
      .where(
        or(
          eq(orderItems.productId, row.id),
          inArray(orderItems.variantId, tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, row.id))),
        ),
      );
    if (used > 0) {
      throw new UserError(
        'conflict',
        `${row.name} is in ${used} order ${used === 1 ? 'item' : 'items'}, so it cannot be deleted. Untick “Visible on store” to stop offering it; orders keep their items.`,
      );
    }
    await tx.delete(products).where(eq(products.id, row.id));
    await writeAudit(tx, ctx, 'product.deleted', { type: 'product', id: row.id }, { sku: row.sku, name: row.name });
    return { id: row.id };
  });
}
