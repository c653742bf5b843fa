import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { moveCustomerFieldInput } from './input';

/**
 * Moves a field one place up or down. The workspace's fields are locked and renumbered
 * 0…n-1 in one transaction, so two admins reordering at once cannot leave gaps or ties.
 */
export async function moveCustomerField(db: Db, ctx: ActorContext, input: z.infer<typeof moveCustomerFieldInput>) {
  assertAdmin(ctx);
  const order = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: customerFields.id, position: customerFields.position, key: customerFields.key })
      .from(customerFields)
      .where(eq(customerFields.workspaceId, ctx.workspaceId))
      .orderBy(asc(customerFields.position), asc(customerFields.createdAt), asc(customerFields.id))
      .for('update');
    const index = rows.findIndex((r) => r.id === input.id);
    if (index < 0) throw notFound('field');
    const target = input.direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= rows.length) return rows.map((r) => r.id);
    [rows[index], rows[target]] = [rows[target], rows[index]];
    for (const [position, row] of rows.entries()) {
      if (row.position !== position) await tx.update(customerFields).set({ position }).where(eq(customerFields.id, row.id));
    }
    await writeAudit(tx, ctx, 'customer_field.moved', { type: 'customer_field', id: input.id }, { key: rows[target].key, direction: input.direction });
    return rows.map((r) => r.id);
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'customer_fields');
  return { order };
}
