import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { collections, products } from '@/db/schema';

/** What an agent can hand a conversation to: a product's or a collection's checkout flow. */
export async function listCheckoutTargets(db: DbOrTx, workspaceId: string) {
  const [productRows, collectionRows] = await Promise.all([
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), eq(products.visibleOnStore, true)))
      .orderBy(asc(products.name))
      .limit(200),
    db.select({ id: collections.id, name: collections.name }).from(collections).where(eq(collections.workspaceId, workspaceId)).orderBy(asc(collections.name)).limit(100),
  ]);
  return { products: productRows, collections: collectionRows };
}
