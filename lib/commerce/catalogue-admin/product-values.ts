import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { toMinor } from './fields';
import type { ProductInput } from './product-input';

// A product's values as they are written (prices in minor units, SKUs unique in the file
// and in the shop), shared by the editor and the CSV import.

type Ctx = Pick<ActorContext, 'workspaceId'>;

export function skuTaken(sku: string): UserError {
  const message = `The SKU ${sku} is already used by another product or variant. SKUs must be unique in the shop.`;
  return new UserError('conflict', message, { sku: [message] });
}

export function isUniqueViolation(e: unknown): boolean {
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

export type ResolvedVariant = ReturnType<typeof resolveProductValues>['variants'][number];
