import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { UpdateCustomerFieldInput } from './input';
import { customerFieldView } from './view';

/**
 * Label, type, options and "required" can change; the key cannot. Values already stored
 * stay as they are: one that no longer fits the new type is shown and can be corrected.
 */
export async function updateCustomerField(db: Db, ctx: ActorContext, input: UpdateCustomerFieldInput) {
  assertAdmin(ctx);
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(customerFields)
      .set({ label: input.label, type: input.type, options: input.options, required: input.required })
      .where(and(eq(customerFields.id, input.id), eq(customerFields.workspaceId, ctx.workspaceId)))
      .returning();
    if (!updated) throw notFound('field');
    await writeAudit(tx, ctx, 'customer_field.updated', { type: 'customer_field', id: updated.id }, { key: updated.key, type: updated.type, required: updated.required });
    return updated;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'customer_fields');
  return customerFieldView(row);
}
