import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { CheckedFile } from './csv-rows';

// The checks of a products CSV that need the shop as it is now: SKUs the file uses that
// other products own, and what each set's components will be once the file is imported.

export type ShopSkus = Awaited<ReturnType<typeof loadShopSkus>>;

/** The shop's SKUs as they are now (lower-cased): products by id and kind, variants by owner. */
export async function loadShopSkus(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>) {
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
}

/** SKUs the file uses that belong to other products already in the shop; a product cannot become a set or back. */
export function checkSkusAgainstShop(file: CheckedFile, shop: ShopSkus) {
  const { idBySku, kindBySku, variantOwner } = shop;
  const productIdsInFile = new Set(file.products.map((r) => idBySku.get(r.resolved.product.sku.toLowerCase())).filter(Boolean));
  for (const { pending: p, resolved } of file.products) {
    const sku = resolved.product.sku;
    const ownId = idBySku.get(sku.toLowerCase());
    const ownKind = kindBySku.get(sku.toLowerCase());
    if (ownKind && ownKind !== p.kind) {
      file.errors.push({ line: p.line, sku, messages: [`The SKU ${sku} is a ${ownKind} in the shop; a ${p.kind} row cannot replace it.`] });
    }
    const owner = variantOwner.get(sku.toLowerCase());
    if (owner && owner !== ownId && !productIdsInFile.has(owner)) {
      file.errors.push({ line: p.line, sku, messages: [`The SKU ${sku} is used by a variant of another product.`] });
    }
    for (const [i, v] of resolved.variants.entries()) {
      const key = v.sku.toLowerCase();
      const productOwner = idBySku.get(key);
      const vOwner = variantOwner.get(key);
      const line = p.variantLines[i].line;
      if (productOwner && !file.pending.has(key)) file.errors.push({ line, sku: v.sku, messages: [`The SKU ${v.sku} is already a product’s SKU.`] });
      else if (vOwner && vOwner !== ownId && !productIdsInFile.has(vOwner)) file.errors.push({ line, sku: v.sku, messages: [`The SKU ${v.sku} belongs to a variant of another product.`] });
    }
  }
}

/**
 * Each set's components: what each SKU will be once the file is imported (a product of the
 * file or the shop, without options, or one option). Checked even when other rows have
 * errors, so one import attempt reports every wrong set.
 */
export function checkSetComponents(file: CheckedFile, shop: ShopSkus) {
  const { existing, allVariants, idBySku, kindBySku, variantOwner } = shop;
  const skuOfId = new Map(existing.map((p) => [p.id, p.sku.toLowerCase()]));
  const withOptionsInShop = new Set(allVariants.map((v) => v.productId));
  const variantSkusInFile = new Map(file.products.flatMap((r) => r.resolved.variants.map((v) => [v.sku.toLowerCase(), r.pending] as const)));
  for (const { pending: p } of file.products) {
    if (p.kind !== 'set') continue;
    const problems: string[] = [];
    for (const item of p.setItems) {
      const key = item.sku.toLowerCase();
      const inFile = file.pending.get(key);
      const shopKind = kindBySku.get(key);
      const shopVariantOwner = variantOwner.get(key);
      if (!inFile && file.skuLines.has(key) && !variantSkusInFile.has(key)) continue; // its own row has errors, reported there
      if (inFile?.kind === 'set' || (!inFile && shopKind === 'set')) problems.push(`${item.sku} is a set; a set can only contain products.`);
      else if (inFile) {
        if (inFile.variantLines.length > 0) problems.push(`${item.sku} has options: list the option’s SKU instead.`);
      } else if (shopKind) {
        if (withOptionsInShop.has(idBySku.get(key)!)) problems.push(`${item.sku} has options: list the option’s SKU instead.`);
      } else if (variantSkusInFile.has(key)) {
        // An option listed in this file.
      } else if (shopVariantOwner && !file.pending.has(skuOfId.get(shopVariantOwner) ?? '')) {
        // An option of a product the file leaves alone.
      } else problems.push(`There is no product or option with the SKU ${item.sku}.`);
    }
    if (problems.length) file.errors.push({ line: p.line, sku: p.values.sku, messages: problems.map((m) => `set_items: ${m}`) });
  }
}
