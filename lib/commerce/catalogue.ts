import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { collectionPoints, collectionProducts, collections, products, productVariants } from '@/db/schema';
import type { Catalogue, CatalogueProduct } from '@/lib/flows/engine';
import { deriveSetStock, loadSetComponents, setCardDescription } from './sets';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The part of a workspace's catalogue a flow run may need: the given products, the given
 * collections with their products, and the enabled collection points. Workspace-filtered.
 */
export async function loadCatalogue(
  db: DbOrTx,
  workspaceId: string,
  wanted: { productIds: Iterable<string>; collectionIds: Iterable<string> },
): Promise<Catalogue> {
  const collectionIds = [...new Set(wanted.collectionIds)].filter((id) => UUID.test(id));
  const productIds = new Set([...wanted.productIds].filter((id) => UUID.test(id)));
  const catalogue: Catalogue = { products: {}, collections: {}, collectionPoints: [] };

  if (collectionIds.length) {
    const rows = await db
      .select({ id: collections.id, name: collections.name })
      .from(collections)
      .where(and(eq(collections.workspaceId, workspaceId), inArray(collections.id, collectionIds)));
    const members = rows.length
      ? await db
          .select({ collectionId: collectionProducts.collectionId, productId: collectionProducts.productId })
          .from(collectionProducts)
          .where(inArray(collectionProducts.collectionId, rows.map((r) => r.id)))
          .orderBy(asc(collectionProducts.position))
      : [];
    for (const r of rows) {
      const ids = members.filter((m) => m.collectionId === r.id).map((m) => m.productId);
      ids.forEach((id) => productIds.add(id));
      catalogue.collections[r.id] = { id: r.id, name: r.name, productIds: ids };
    }
  }

  if (productIds.size) {
    const rows = await db
      .select()
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...productIds]), eq(products.visibleOnStore, true)));
    const variants = rows.length
      ? await db
          .select()
          .from(productVariants)
          .where(inArray(productVariants.productId, rows.map((r) => r.id)))
          .orderBy(asc(productVariants.position), asc(productVariants.name))
      : [];
    const components = await loadSetComponents(db, { workspaceId }, rows.filter((r) => r.kind === 'set').map((r) => r.id));
    for (const p of rows) {
      // A set is offered like a product without variants: its stock is what its components
      // allow, and its card says what it holds. Ordering it reserves the components.
      const parts = p.kind === 'set' ? (components.get(p.id) ?? []) : null;
      const product: CatalogueProduct = {
        id: p.id,
        sku: p.sku,
        name: p.name,
        description: parts ? setCardDescription(parts, p.description) : p.description,
        priceMinor: p.priceMinor,
        currency: p.currency,
        stock: parts ? deriveSetStock(parts) : p.stock,
        imageUrl: p.images[0] ?? null,
        variants: variants
          .filter((v) => v.productId === p.id)
          .map((v) => ({ id: v.id, name: v.name, sku: v.sku, priceMinor: v.priceMinor, stock: v.stock })),
      };
      catalogue.products[p.id] = product;
    }
    // Collections only list products that are visible.
    for (const c of Object.values(catalogue.collections)) c.productIds = c.productIds.filter((id) => catalogue.products[id]);
  }

  catalogue.collectionPoints = await db
    .select({ id: collectionPoints.id, name: collectionPoints.name, address: collectionPoints.address, openingHours: collectionPoints.openingHours })
    .from(collectionPoints)
    .where(and(eq(collectionPoints.workspaceId, workspaceId), eq(collectionPoints.enabled, true)))
    .orderBy(asc(collectionPoints.name));
  return catalogue;
}
