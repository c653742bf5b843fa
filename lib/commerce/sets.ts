import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { productSetItems, productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { productSearchCondition } from './product-search';
import { deriveSetStock, describeComponents, formatSetItemsCell, namesOfSets, parseSetItemsCell, setCardDescription } from './set-rules';

export { deriveSetStock, describeComponents, formatSetItemsCell, namesOfSets, parseSetItemsCell, setCardDescription };

// Sets (bundles): a product row of kind 'set' whose rows in product_set_items name its
// components (a product, or one variant of it) and how many of each one set holds. A set
// keeps no stock of its own: what is left is derived from its components, so selling a
// component on its own and selling the set never disagree. Components' own "visible on
// store" does not matter: shops often sell some things only inside a bundle.

type Ctx = Pick<ActorContext, 'workspaceId'>;

export const MAX_SET_ITEMS = 20;

// The same rule in SQL, for the products row of the outer query (written out in full:
// drizzle leaves select-list columns unqualified, and inside the subquery "id" is ambiguous).
export const setStockSql = sql<number>`(select coalesce(min(coalesce(sv.stock, sp.stock) / si.quantity), 0)::int
  from ${productSetItems} si
  join ${products} sp on sp.id = si.product_id
  left join ${productVariants} sv on sv.id = si.variant_id
  where si.set_product_id = "products"."id")`;

/**
 * Units the store can offer of the outer products row: a set's derived stock; otherwise the
 * product's own stock or, with variants, its best-stocked variant's.
 */
export const offeredStockSql = sql<number>`(case when "products"."kind" = 'set' then ${setStockSql}
  else greatest("products"."stock", coalesce((select max(v.stock) from ${productVariants} v where v.product_id = "products"."id"), 0)) end)`;

// ---------------------------------------------------------------- components

export const setItemInput = z.object({
  productId: z.uuid('Unknown product'),
  variantId: z.uuid('Unknown option').nullable().optional(),
  quantity: z.coerce
    .number({ error: 'Quantities are whole numbers.' })
    .int('Quantities are whole numbers.')
    .min(1, 'Each component needs a quantity of at least 1.')
    .max(999, 'A set can hold at most 999 of one component.'),
});
export type SetItemInput = z.infer<typeof setItemInput>;

export type SetComponent = {
  setProductId: string;
  productId: string;
  variantId: string | null;
  /** "Linen shirt (M)" for a variant. */
  name: string;
  sku: string;
  quantity: number;
  /** The component's own units left (the variant's when a variant is given). */
  stock: number;
};

/** The components of the given sets in this workspace, in their order, with their stock now. */
export async function loadSetComponents(db: DbOrTx, ctx: Ctx, setIds: string[]): Promise<Map<string, SetComponent[]>> {
  const bySet = new Map<string, SetComponent[]>();
  if (setIds.length === 0) return bySet;
  const rows = await db
    .select({
      setProductId: productSetItems.setProductId,
      productId: productSetItems.productId,
      variantId: productSetItems.variantId,
      quantity: productSetItems.quantity,
      productName: products.name,
      productSku: products.sku,
      productStock: products.stock,
      variantName: productVariants.name,
      variantSku: productVariants.sku,
      variantStock: productVariants.stock,
    })
    .from(productSetItems)
    .innerJoin(products, eq(products.id, productSetItems.productId))
    .leftJoin(productVariants, eq(productVariants.id, productSetItems.variantId))
    .where(and(eq(productSetItems.workspaceId, ctx.workspaceId), inArray(productSetItems.setProductId, setIds)))
    .orderBy(asc(productSetItems.position));
  for (const r of rows) {
    const component: SetComponent = {
      setProductId: r.setProductId,
      productId: r.productId,
      variantId: r.variantId,
      name: r.variantName ? `${r.productName} (${r.variantName})` : r.productName,
      sku: r.variantSku ?? r.productSku,
      quantity: r.quantity,
      stock: r.variantId ? (r.variantStock ?? 0) : r.productStock,
    };
    bySet.set(r.setProductId, [...(bySet.get(r.setProductId) ?? []), component]);
  }
  return bySet;
}

function invalid(message: string, field = 'setItems'): UserError {
  return new UserError('invalid', message, { [field]: [message] });
}

/**
 * Checks a set's components against the workspace: each one exists here, is a product (a
 * set cannot hold a set, nor itself), names a variant of its own product when it has
 * variants, and appears once. Returns the rows to write, in the given order.
 */
export async function resolveSetItems(tx: DbOrTx, ctx: Ctx, setId: string | undefined, items: SetItemInput[]) {
  if (items.length === 0) throw invalid('Add at least one product to the set.');
  if (items.length > MAX_SET_ITEMS) throw invalid(`A set can hold at most ${MAX_SET_ITEMS} different products.`);
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.productId}:${item.variantId ?? ''}`;
    if (seen.has(key)) throw invalid('The same product is in the set twice. Change its quantity instead.');
    seen.add(key);
  }
  const productIds = [...new Set(items.map((i) => i.productId))];
  if (setId && productIds.includes(setId)) throw invalid('A set cannot contain itself.');
  const found = await tx
    .select({ id: products.id, name: products.name, kind: products.kind })
    .from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), inArray(products.id, productIds)));
  if (found.length !== productIds.length) throw invalid('Some of these products no longer exist. Reload the page.');
  const nested = found.find((p) => p.kind === 'set');
  if (nested) throw invalid(`${nested.name} is a set itself. A set can only contain products.`);
  const variants = await tx
    .select({ id: productVariants.id, productId: productVariants.productId })
    .from(productVariants)
    .where(and(eq(productVariants.workspaceId, ctx.workspaceId), inArray(productVariants.productId, productIds)));
  for (const item of items) {
    const own = variants.filter((v) => v.productId === item.productId);
    const name = found.find((p) => p.id === item.productId)!.name;
    if (item.variantId && !own.some((v) => v.id === item.variantId)) throw invalid(`This option of ${name} no longer exists. Reload the page.`);
    if (!item.variantId && own.length > 0) throw invalid(`${name} has options: choose which one the set contains.`);
  }
  return items.map((i, position) => ({ productId: i.productId, variantId: i.variantId ?? null, quantity: i.quantity, position }));
}

/** Replaces a set's components. */
export async function writeSetItems(tx: DbOrTx, ctx: Ctx, setId: string, items: Awaited<ReturnType<typeof resolveSetItems>>) {
  await tx.delete(productSetItems).where(and(eq(productSetItems.setProductId, setId), eq(productSetItems.workspaceId, ctx.workspaceId)));
  if (items.length) await tx.insert(productSetItems).values(items.map((i) => ({ ...i, setProductId: setId, workspaceId: ctx.workspaceId })));
}

export const componentSearchInput = z.object({ q: z.string().trim().max(100).default('') });

/** One thing a set can hold: a product without options, or one option of a product. */
export type ComponentOption = { productId: string; variantId: string | null; name: string; sku: string; stock: number };

/**
 * What the set editor offers as components: this workspace's products (never sets),
 * hidden ones included (a bundle may be the only way a thing is sold), one option per
 * variant for products that have them.
 */
export async function searchComponentOptions(db: DbOrTx, ctx: Ctx, input: z.infer<typeof componentSearchInput>): Promise<ComponentOption[]> {
  const rows = await db
    .select({ id: products.id, name: products.name, sku: products.sku, stock: products.stock })
    .from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), eq(products.kind, 'product'), productSearchCondition(input.q)))
    .orderBy(asc(products.name))
    .limit(20);
  if (rows.length === 0) return [];
  const variants = await db
    .select()
    .from(productVariants)
    .where(and(eq(productVariants.workspaceId, ctx.workspaceId), inArray(productVariants.productId, rows.map((r) => r.id))))
    .orderBy(asc(productVariants.position), asc(productVariants.name));
  return rows.flatMap((p): ComponentOption[] => {
    const own = variants.filter((v) => v.productId === p.id);
    if (own.length === 0) return [{ productId: p.id, variantId: null, name: p.name, sku: p.sku, stock: p.stock }];
    return own.map((v) => ({ productId: p.id, variantId: v.id, name: `${p.name} (${v.name})`, sku: v.sku, stock: v.stock }));
  });
}

/** Names of the sets holding the product (any of its variants) or one of the given variants. */
export async function setsContaining(tx: DbOrTx, ctx: Ctx, target: { productId?: string; variantIds?: string[] }): Promise<string[]> {
  const conditions = [];
  if (target.productId) conditions.push(eq(productSetItems.productId, target.productId));
  if (target.variantIds?.length) conditions.push(inArray(productSetItems.variantId, target.variantIds));
  if (conditions.length === 0) return [];
  const rows = await tx
    .selectDistinct({ name: products.name })
    .from(productSetItems)
    .innerJoin(products, eq(products.id, productSetItems.setProductId))
    .where(and(eq(productSetItems.workspaceId, ctx.workspaceId), or(...conditions)))
    .orderBy(asc(products.name));
  return rows.map((r) => r.name);
}
