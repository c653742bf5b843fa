import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productSetItems, productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { namesOfSets, setsContaining } from '../sets';
import type { ResolvedVariant } from './product-values';
import type { VariantRow } from './product-input';

// Writing a product's options (variants), and the two changes sets refuse: removing an
// option a set holds, and giving options to a product a set holds whole.

type Ctx = Pick<ActorContext, 'workspaceId'>;

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
