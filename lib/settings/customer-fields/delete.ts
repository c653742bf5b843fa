import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { deleteCustomerFieldInput } from './input';

/** Removes the field definition; customers' values stay in their custom data under the key. */
export async function deleteCustomerField(db: Db, ctx: ActorContext, input: z.infer<typeof deleteCustomerFieldInput>) {
  assertAdmin(ctx);
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(customerFields)
      .where(and(eq(customerFields.id, input.id), eq(customerFields.workspaceId, ctx.workspaceId)))
      .returning({ id: customerFields.id, key: customerFields.key, label: customerFields.label });
    if (!row) throw notFound('field');
    await writeAudit(tx, ctx, 'customer_field.deleted', { type: 'customer_field', id: row.id }, { key: row.key });
    return row;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'customer_fields');
  return deleted;
}
