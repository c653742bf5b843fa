import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { collectionPoints, collectionProducts, collections, orderItems, productKinds, productSetItems, productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { formBoolean } from '@/lib/forms/fields';
import { checkAgentUpload, AGENT_UPLOAD_LIMITS } from '@/lib/files/upload-check';
import { signedFileUrl } from '@/lib/files/signed-url';
import { saveFile } from '@/lib/files/storage';
import { ownFileId } from '@/lib/files/file-links';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';
import { downloadLimited } from '@/channels/shared/download';
import { formatMoney, minorPerMajor } from './money';
import { deriveSetStock, loadSetComponents, MAX_SET_ITEMS, namesOfSets, resolveSetItems, setItemInput, setsContaining, setStockSql, writeSetItems, type SetComponent } from './sets';

// Settings → Products, Collections and Collection points: the admin side of the catalogue
// the bot's checkout flows and "Share product" read. Every function takes the actor's
// context and only ever reads or writes rows of that workspace.

type Ctx = Pick<ActorContext, 'workspaceId'>;

export const MAX_IMAGES = 8;
export const MAX_VARIANTS = 50;
export const PRODUCTS_PAGE_SIZE = 25;
/** Ten years: catalogue images are shared again and again, so their signed links must outlive a product. */
export const CATALOGUE_IMAGE_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;

// ---------------------------------------------------------------- shared parsing

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const skuSchema = z
  .string()
  .trim()
  .regex(SKU_PATTERN, 'A SKU is 1–64 letters, digits, and . _ - / (no spaces), starting with a letter or digit.');
const priceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter a price like 12 or 12.50 (no currency sign).');
const optionalPriceSchema = z
  .string()
  .trim()
  .regex(/^(\d{1,9}(\.\d{1,3})?)?$/, 'Enter a price like 12 or 12.50, or leave it empty for the product’s price.');
const stockSchema = z.coerce
  .number({ error: 'Stock must be a whole number.' })
  .int('Stock must be a whole number.')
  .min(0, 'Stock cannot be negative.')
  .max(1_000_000_000, 'Stock is too large.');
const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, like USD or THB.'))
  .refine((c) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: c });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown currency code.');
// Any web address will do: the picture is fetched (through the outside-URL filter) and
// served by Baton from then on, so an http:// source is never shown to anyone.
const imageLink = z
  .string()
  .trim()
  .max(2000, 'Image links can be at most 2,000 characters.')
  .refine((s) => {
    try {
      return ['https:', 'http:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'Image links must be full web addresses (https://…).')
  // Normalized (spaces become %20), so links never contain whitespace (the CSV separates them by spaces).
  .transform((s) => new URL(s).href);

/** JSON text (from a hidden form input) or the value itself. */
function jsonOr<T extends z.ZodType>(schema: T, message: string) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return [];
    try {
      return JSON.parse(v);
    } catch {
      return Symbol(message);
    }
  }, schema);
}

/** "#summer sale, #new" → ["summer", "sale", "new"]: lower case, unique, no '#'. */
export function parseHashtags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

const hashtagsSchema = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(' ') : (v ?? '')),
  z
    .string()
    .transform(parseHashtags)
    .pipe(
      z
        .array(z.string().regex(/^[\p{L}\p{N}_-]{1,50}$/u, 'Hashtags are letters, digits, _ and - (up to 50 each).'))
        .max(30, 'At most 30 hashtags.'),
    ),
);

/** A major-unit price ("12.50") in minor units for the currency, or an error message. */
export function toMinor(price: string, currency: string): number | string {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  const [whole, frac = ''] = price.split('.');
  if (frac.length > decimals) return decimals === 0 ? `${currency} prices have no decimals.` : `${currency} prices have at most ${decimals} decimals.`;
  const minor = Number(whole) * per + Number((frac + '000').slice(0, decimals) || '0');
  if (!Number.isSafeInteger(minor) || minor > 2_147_483_647) return 'The price is too large.';
  return minor;
}

/** Minor units → the plain major-unit text a form or CSV shows ("12.50", "1290"). */
export function fromMinor(minor: number, currency: string): string {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  if (decimals === 0) return String(minor);
  const whole = Math.floor(minor / per);
  const frac = String(minor % per).padStart(decimals, '0');
  return `${whole}.${frac}`;
}

// ---------------------------------------------------------------- products

export const variantInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  sku: skuSchema,
  name: z.string().trim().min(1, 'Give each variant a name.').max(100, 'Variant names can be at most 100 characters.'),
  price: optionalPriceSchema.optional().default(''),
  stock: stockSchema,
});

export const productInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  name: z.string().trim().min(1, 'Give the product a name.').max(200, 'Names can be at most 200 characters.'),
  sku: skuSchema,
  description: z.string().trim().max(1000, 'The short description can be at most 1,000 characters.').optional().default(''),
  hashtags: hashtagsSchema,
  price: priceSchema,
  currency: currencySchema,
  stock: stockSchema,
  visibleOnStore: formBoolean,
  images: jsonOr(z.array(imageLink).max(MAX_IMAGES, `At most ${MAX_IMAGES} images.`), 'Invalid image list.').optional().default([]),
  imageUrl: z.union([z.literal(''), imageLink]).optional(),
  imageFile: z.instanceof(File).optional(),
  variants: jsonOr(z.array(variantInput).max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants.`), 'Invalid variant list.').optional().default([]),
  /** 'set': a bundle of other products (lib/commerce/sets.ts); fixed once created. */
  kind: z.enum(productKinds, 'Choose Product or Set.').optional().default('product'),
  setItems: jsonOr(z.array(setItemInput).max(MAX_SET_ITEMS, `A set can hold at most ${MAX_SET_ITEMS} different products.`), 'Invalid component list.').optional().default([]),
});
export type ProductInput = z.infer<typeof productInput>;

export const deleteInput = z.object({ id: z.uuid('Unknown item') });

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof productVariants.$inferSelect;
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

/** Stores an uploaded image (≤ 4 MB, PNG/JPEG/GIF/WebP by its bytes) and returns its absolute signed link. */
export async function storeProductImage(db: DbOrTx, ctx: Ctx, file: File, origin: string): Promise<string> {
  return storeImageBytes(db, ctx, { data: Buffer.from(await file.arrayBuffer()), name: file.name, declaredType: file.type }, origin, 'imageFile');
}

async function storeImageBytes(db: DbOrTx, ctx: Ctx, image: { data: Buffer; name: string; declaredType: string }, origin: string, field: string): Promise<string> {
  const check = checkAgentUpload({ data: image.data, declaredType: image.declaredType });
  if (!check.ok) throw new UserError('invalid', check.error, { [field]: [check.error] });
  if (check.kind !== 'image') {
    const message = 'Product images must be PNG, JPEG, GIF or WebP pictures.';
    throw new UserError('invalid', message, { [field]: [message] });
  }
  if (image.data.length > AGENT_UPLOAD_LIMITS.imageBytes) throw new UserError('invalid', 'Images can be at most 4 MB.', { [field]: ['Images can be at most 4 MB.'] });
  const stored = await saveFile(db, ctx.workspaceId, { data: image.data, name: image.name || 'product-image', mimeType: check.mimeType });
  return signedFileUrl(stored.id, { origin, ttlSeconds: CATALOGUE_IMAGE_TTL_SECONDS });
}

/** A link to one of Baton's own stored files, as this app serves it (relative or on its origin). */
function isOwnLink(url: string, origin: string): boolean {
  if (!ownFileId(url)) return false;
  return url.startsWith('/') || new URL(url).origin === new URL(origin).origin;
}

/**
 * A picture named by its URL (the form's image link, a CSV's images column) is brought into
 * the file store through the outside-URL filter, like every URL that comes from outside: the
 * shop's site may move it, and agents' browsers load pictures only from Baton. A link that is
 * already one of ours is kept, so saving a product again fetches nothing.
 */
export async function importProductImage(db: DbOrTx, ctx: Ctx, url: string, origin: string, field = 'imageUrl'): Promise<string> {
  if (isOwnLink(url, origin)) return url;
  let picture: { data: Buffer; mimeType: string };
  try {
    picture = await downloadLimited(url, { what: 'The picture' }, { maxBytes: AGENT_UPLOAD_LIMITS.imageBytes, allowHosts: fetchAllowHosts() });
  } catch (error) {
    const message = `The picture at ${url} could not be fetched: ${error instanceof Error ? error.message : String(error)}`;
    throw new UserError('invalid', message, { [field]: [message] });
  }
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || '') || 'product-image';
  return storeImageBytes(db, ctx, { data: picture.data, name, declaredType: picture.mimeType }, origin, field);
}

function skuTaken(sku: string): UserError {
  const message = `The SKU ${sku} is already used by another product or variant. SKUs must be unique in the shop.`;
  return new UserError('conflict', message, { sku: [message] });
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** SKUs among `skus` used in this workspace by anything other than `productId` (and its own variants). */
export async function skusInUse(db: DbOrTx, ctx: Ctx, skus: string[], productId?: string): Promise<string[]> {
  if (skus.length === 0) return [];
  const lower = skus.map((s) => s.toLowerCase());
  const p = await db
    .select({ sku: products.sku })
    .from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), inArray(sql`lower(${products.sku})`, lower), productId ? ne(products.id, productId) : undefined));
  const v = await db
    .select({ sku: productVariants.sku })
    .from(productVariants)
    .where(
      and(
        eq(productVariants.workspaceId, ctx.workspaceId),
        inArray(sql`lower(${productVariants.sku})`, lower),
        productId ? ne(productVariants.productId, productId) : undefined,
      ),
    );
  return [...p, ...v].map((r) => r.sku);
}

/** Checks prices and SKUs of one product (and its variants) and returns the rows to write. */
export function resolveProductValues(input: Omit<ProductInput, 'imageUrl' | 'imageFile' | 'id' | 'kind' | 'setItems'>) {
  const fieldErrors: Record<string, string[]> = {};
  const price = toMinor(input.price, input.currency);
  if (typeof price === 'string') fieldErrors.price = [price];
  const seen = new Set<string>([input.sku.toLowerCase()]);
  const variants = input.variants.map((v, i) => {
    const vPrice = v.price ? toMinor(v.price, input.currency) : null;
    if (typeof vPrice === 'string') (fieldErrors[`variants.${i}.price`] ??= []).push(`Variant ${v.name}: ${vPrice}`);
    if (seen.has(v.sku.toLowerCase())) (fieldErrors[`variants.${i}.sku`] ??= []).push(`The SKU ${v.sku} appears twice in this product.`);
    seen.add(v.sku.toLowerCase());
    return { id: v.id, sku: v.sku, name: v.name, priceMinor: typeof vPrice === 'number' ? vPrice : null, stock: v.stock, position: i };
  });
  return {
    fieldErrors,
    product: {
      sku: input.sku,
      name: input.name,
      description: input.description || null,
      hashtags: input.hashtags,
      priceMinor: typeof price === 'number' ? price : 0,
      currency: input.currency,
      stock: input.stock,
      images: input.images,
      visibleOnStore: input.visibleOnStore,
    },
    variants,
  };
}

type ResolvedVariant = ReturnType<typeof resolveProductValues>['variants'][number];

/** Writes a product's variants: updates those it keeps (by id, else by SKU), adds new ones, removes the rest. */
export async function writeVariants(tx: DbOrTx, ctx: Ctx, productId: string, variants: ResolvedVariant[]) {
  const existing = await tx.select().from(productVariants).where(eq(productVariants.productId, productId));
  const byId = new Map(existing.map((v) => [v.id, v]));
  const bySku = new Map(existing.map((v) => [v.sku.toLowerCase(), v]));
  const keep = variants.map((v) => (v.id && byId.get(v.id)) || bySku.get(v.sku.toLowerCase()) || null);
  const keptIds = keep.filter((k): k is VariantRow => k !== null).map((k) => k.id);
  const dropped = existing.filter((v) => !keptIds.includes(v.id));
  await refuseIfInSets(tx, ctx, dropped);
  if (existing.length === 0 && variants.length > 0) await refuseOptionsForWholeComponent(tx, ctx, productId);
  // Remove dropped variants first, then park kept SKUs so swaps between variants do not collide.
  await tx.delete(productVariants).where(and(eq(productVariants.productId, productId), keptIds.length ? notInArray(productVariants.id, keptIds) : undefined));
  for (const id of keptIds) {
    await tx.update(productVariants).set({ sku: sql`'~' || ${productVariants.id}::text` }).where(eq(productVariants.id, id));
  }
  for (const [i, v] of variants.entries()) {
    const values = { sku: v.sku, name: v.name, priceMinor: v.priceMinor, stock: v.stock, position: v.position };
    const kept = keep[i];
    if (kept) await tx.update(productVariants).set(values).where(eq(productVariants.id, kept.id));
    else await tx.insert(productVariants).values({ ...values, productId, workspaceId: ctx.workspaceId });
  }
}

/** Removing a variant a set holds would change what the set's price buys: refused, naming the sets. */
export async function refuseIfInSets(tx: DbOrTx, ctx: Ctx, variants: Pick<VariantRow, 'id' | 'name'>[]) {
  if (variants.length === 0) return;
  const sets = await setsContaining(tx, ctx, { variantIds: variants.map((v) => v.id) });
  if (sets.length === 0) return;
  const message = `An option you removed is part of ${namesOfSets(sets)}. Remove it from the set first.`;
  throw new UserError('conflict', message, { variants: [message] });
}

/** A set holding a product without options counts its own stock: giving it options would leave the set without any. */
async function refuseOptionsForWholeComponent(tx: DbOrTx, ctx: Ctx, productId: string) {
  const rows = await tx
    .select({ name: products.name })
    .from(productSetItems)
    .innerJoin(products, eq(products.id, productSetItems.setProductId))
    .where(and(eq(productSetItems.workspaceId, ctx.workspaceId), eq(productSetItems.productId, productId), isNull(productSetItems.variantId)));
  if (rows.length === 0) return;
  const message = `This product is part of ${namesOfSets(rows.map((r) => r.name))} without options. Remove it from the set before adding variants.`;
  throw new UserError('conflict', message, { variants: [message] });
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

// ---------------------------------------------------------------- collections

export const collectionInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  name: z.string().trim().min(1, 'Give the collection a name.').max(200, 'Names can be at most 200 characters.'),
  description: z.string().trim().max(1000, 'The description can be at most 1,000 characters.').optional().default(''),
  productIds: jsonOr(z.array(z.uuid('Unknown product')).max(500, 'At most 500 products per collection.'), 'Invalid product list.').optional().default([]),
});
export type CollectionInput = z.infer<typeof collectionInput>;

export async function listCollections(db: DbOrTx, ctx: Ctx) {
  const rows = await db.select().from(collections).where(eq(collections.workspaceId, ctx.workspaceId)).orderBy(asc(collections.name));
  if (rows.length === 0) return [];
  const members = await db
    .select({ collectionId: collectionProducts.collectionId, productId: products.id, name: products.name, sku: products.sku, position: collectionProducts.position })
    .from(collectionProducts)
    .innerJoin(products, eq(products.id, collectionProducts.productId))
    .where(inArray(collectionProducts.collectionId, rows.map((r) => r.id)))
    .orderBy(asc(collectionProducts.position));
  return rows.map((c) => ({ ...c, products: members.filter((m) => m.collectionId === c.id).map(({ productId, name, sku }) => ({ id: productId, name, sku })) }));
}

export async function saveCollection(db: DbOrTx, ctx: ActorContext, input: CollectionInput) {
  const productIds = [...new Set(input.productIds)];
  return db.transaction(async (tx) => {
    if (productIds.length > 0) {
      const found = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.workspaceId, ctx.workspaceId), inArray(products.id, productIds)));
      if (found.length !== productIds.length) throw new UserError('invalid', 'Some of these products no longer exist. Reload the page.', { productIds: ['Some of these products no longer exist.'] });
    }
    const values = { name: input.name, description: input.description || null };
    let id: string;
    if (input.id) {
      const [row] = await tx
        .update(collections)
        .set(values)
        .where(and(eq(collections.id, input.id), eq(collections.workspaceId, ctx.workspaceId)))
        .returning({ id: collections.id });
      if (!row) throw new UserError('not_found', 'This collection no longer exists. Reload the page.');
      id = row.id;
      await tx.delete(collectionProducts).where(eq(collectionProducts.collectionId, id));
    } else {
      const [row] = await tx.insert(collections).values({ ...values, workspaceId: ctx.workspaceId }).returning({ id: collections.id });
      id = row.id;
    }
    if (productIds.length > 0) await tx.insert(collectionProducts).values(productIds.map((productId, position) => ({ collectionId: id, productId, position })));
    await writeAudit(tx, ctx, input.id ? 'collection.updated' : 'collection.created', { type: 'collection', id }, { name: input.name, products: productIds.length });
    return { id, name: input.name, productIds };
  });
}

export async function deleteCollection(db: DbOrTx, ctx: ActorContext, input: { id: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(collections)
      .where(and(eq(collections.id, input.id), eq(collections.workspaceId, ctx.workspaceId)))
      .returning({ id: collections.id, name: collections.name });
    if (!row) throw new UserError('not_found', 'This collection no longer exists. Reload the page.');
    await writeAudit(tx, ctx, 'collection.deleted', { type: 'collection', id: row.id }, { name: row.name });
    return { id: row.id };
  });
}

// ---------------------------------------------------------------- collection points

export const collectionPointInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  name: z.string().trim().min(1, 'Give the collection point a name.').max(200, 'Names can be at most 200 characters.'),
  address: z.string().trim().min(1, 'Enter the address customers collect from.').max(1000, 'The address can be at most 1,000 characters.'),
  openingHours: z.string().trim().max(200, 'Opening hours can be at most 200 characters.').optional().default(''),
  enabled: formBoolean,
});
export type CollectionPointInput = z.infer<typeof collectionPointInput>;

export async function listCollectionPoints(db: DbOrTx, ctx: Ctx) {
  return db.select().from(collectionPoints).where(eq(collectionPoints.workspaceId, ctx.workspaceId)).orderBy(asc(collectionPoints.name));
}

export async function saveCollectionPoint(db: DbOrTx, ctx: ActorContext, input: CollectionPointInput) {
  return db.transaction(async (tx) => {
    const values = { name: input.name, address: input.address, openingHours: input.openingHours || null, enabled: input.enabled };
    const [row] = input.id
      ? await tx
          .update(collectionPoints)
          .set(values)
          .where(and(eq(collectionPoints.id, input.id), eq(collectionPoints.workspaceId, ctx.workspaceId)))
          .returning()
      : await tx.insert(collectionPoints).values({ ...values, workspaceId: ctx.workspaceId }).returning();
    if (!row) throw new UserError('not_found', 'This collection point no longer exists. Reload the page.');
    await writeAudit(tx, ctx, input.id ? 'collection_point.updated' : 'collection_point.created', { type: 'collection_point', id: row.id }, { name: row.name });
    return row;
  });
}

/** Orders that used a point keep their data (their link is cleared by the foreign key). */
export async function deleteCollectionPoint(db: DbOrTx, ctx: ActorContext, input: { id: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(collectionPoints)
      .where(and(eq(collectionPoints.id, input.id), eq(collectionPoints.workspaceId, ctx.workspaceId)))
      .returning({ id: collectionPoints.id, name: collectionPoints.name });
    if (!row) throw new UserError('not_found', 'This collection point no longer exists. Reload the page.');
    await writeAudit(tx, ctx, 'collection_point.deleted', { type: 'collection_point', id: row.id }, { name: row.name });
    return { id: row.id };
  });
}
