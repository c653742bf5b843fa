import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { collectionPoints } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { formBoolean } from '@/lib/forms/fields';

// Settings → Collection points: where customers may collect an order instead of delivery.

type Ctx = Pick<ActorContext, 'workspaceId'>;

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
