import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts, customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { customerFieldView } from '@/lib/settings/customer-fields/view';
import { checkFieldValue } from './field-values';
import { lockContact } from './lock-contact';
import { contactUpdated } from './realtime';
import { reapplyForContact } from '@/lib/sla/reapply';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

export const updateCustomerFieldsInput = z.object({
  contactId: z.uuid(),
  /** field key → value as typed ('' clears it; checkboxes 'true' / 'false'). Keys not sent stay as they are. */
  values: z.record(z.string().max(100), z.union([z.string().max(2000), z.boolean(), z.number()])),
});
export type UpdateCustomerFieldsInput = z.infer<typeof updateCustomerFieldsInput>;

/**
 * Saves the admin-defined fields of one customer. Every value is checked against its
 * field's type on the server (number, date, list option, link …); if any is wrong nothing
 * is saved and each wrong field gets its own message. Values go into custom data by key.
 */
export async function updateCustomerFields(db: Db, ctx: ActorContext, input: UpdateCustomerFieldsInput) {
  const now = new Date();
  // The customer's conversations may fall under another SLA rule now.
  let slaEvents: RealtimeEvent[] = [];
  const result = await db.transaction(async (tx) => {
    const contact = await lockContact(tx, ctx, input.contactId);
    const fields = (
      await tx.select().from(customerFields).where(eq(customerFields.workspaceId, ctx.workspaceId)).orderBy(asc(customerFields.position))
    ).map(customerFieldView);
    const byKey = new Map(fields.map((f) => [f.key, f]));

    const errors: Record<string, string[]> = {};
    const data = { ...(contact.customData ?? {}) };
    const changed: string[] = [];
    for (const [key, raw] of Object.entries(input.values)) {
      const field = byKey.get(key);
      if (!field) {
        errors[key] = ['This field no longer exists. Reload the page.'];
        continue;
      }
      const checked = checkFieldValue(field, raw);
      if (!checked.ok) {
        errors[key] = [checked.error];
        continue;
      }
      const before = data[key] ?? null;
      if (checked.value === before) continue;
      if (checked.value === null) delete data[key];
      else data[key] = checked.value;
      changed.push(key);
    }
    const failed = Object.keys(errors);
    if (failed.length > 0) {
      const first = errors[failed[0]][0];
      throw new UserError('invalid', failed.length === 1 ? first : `${first} (and ${failed.length - 1} more)`, errors);
    }
    if (changed.length === 0) return { changed, values: pickFields(data, fields) };

    await tx.update(contacts).set({ customData: data, updatedAt: now }).where(eq(contacts.id, contact.id));
    slaEvents = await reapplyForContact(tx, ctx.workspaceId, contact.id, now);
    await writeAudit(tx, ctx, 'contact.fields_updated', { type: 'contact', id: contact.id }, { keys: changed });
    return { changed, values: pickFields(data, fields) };
  });
  if (result.changed.length > 0) await publish([contactUpdated(ctx.workspaceId, input.contactId, now), ...slaEvents]);
  return result;
}

function pickFields(data: Record<string, string>, fields: { key: string }[]): Record<string, string | null> {
  return Object.fromEntries(fields.map((f) => [f.key, data[f.key] ?? null]));
}
