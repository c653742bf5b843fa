import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { assertAdmin, isUniqueViolation } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { CreateCustomerFieldInput } from './input';
import { customerFieldView } from './view';

/** Admins add an "additional information" field; it goes last in the panel. */
export async function createCustomerField(db: Db, ctx: ActorContext, input: CreateCustomerFieldInput) {
  assertAdmin(ctx);
  let row: typeof customerFields.$inferSelect;
  try {
    row = await db.transaction(async (tx) => {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${customerFields.position}), -1)::int + 1` })
        .from(customerFields)
        .where(eq(customerFields.workspaceId, ctx.workspaceId));
      const [created] = await tx
        .insert(customerFields)
        .values({
          workspaceId: ctx.workspaceId,
          label: input.label,
          key: input.key,
          type: input.type,
          options: input.options,
          required: input.required,
          position: next,
        })
        .returning();
      await writeAudit(tx, ctx, 'customer_field.created', { type: 'customer_field', id: created.id }, { key: created.key, type: created.type });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `There is already a field with the key ${input.key}. Choose another key.`;
      throw new UserError('conflict', message, { key: [message] });
    }
    throw error;
  }
  await publishInboxConfigChanged(ctx.workspaceId, 'customer_fields');
  return customerFieldView(row);
}
