import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { collectionProducts, collections, products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { jsonOr } from './fields';

// Settings → Collections: named, ordered lists of the shop's products (a checkout step can
// offer one).

type Ctx = Pick<ActorContext, 'workspaceId'>;

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
