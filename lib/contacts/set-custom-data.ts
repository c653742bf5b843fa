import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts, customerFields } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { CUSTOM_DATA_MAX_ENTRIES, customDataKey, customDataValue } from './custom-data-input';
import { lockContact } from './lock-contact';
import { contactUpdated } from './realtime';
import { reapplyForContact } from '@/lib/sla/reapply';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

export const setCustomDataInput = z.object({
  contactId: z.uuid(),
  key: customDataKey,
  value: customDataValue,
  /** Set when editing an existing entry (its key may be renamed); absent when adding. */
  previousKey: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});
export type SetCustomDataInput = Omit<z.infer<typeof setCustomDataInput>, 'previousKey'> & { previousKey?: string };

const keyError = (message: string, code: 'invalid' | 'conflict' = 'conflict') => new UserError(code, message, { key: [message] });

/**
 * Adds or edits one free-form key–value entry. Keys are unique case-insensitively, and a
 * key that belongs to an admin-defined customer field must be set through that field (its
 * type is checked there). The audit row names the key, never the value.
 */
export async function setCustomData(db: Db, ctx: ActorContext, input: SetCustomDataInput) {
  const now = new Date();
  // The customer's conversations may fall under another SLA rule now.
  let slaEvents: RealtimeEvent[] = [];
  await db.transaction(async (tx) => {
    const contact = await lockContact(tx, ctx, input.contactId);
    const fields = await tx.select({ key: customerFields.key, label: customerFields.label }).from(customerFields).where(eq(customerFields.workspaceId, ctx.workspaceId));
    const field = fields.find((f) => f.key.toLowerCase() === input.key.toLowerCase());
    if (field) throw keyError(`“${input.key}” is the ${field.label} field: fill it in under Additional information.`, 'invalid');

    const data = { ...(contact.customData ?? {}) };
    const same = (k: string) => k.toLowerCase() === input.key.toLowerCase();
    let next: Record<string, string>;
    if (input.previousKey !== undefined) {
      if (!(input.previousKey in data)) throw new UserError('conflict', `“${input.previousKey}” was removed by someone else. Add it again if you still need it.`);
      const clash = Object.keys(data).find((k) => same(k) && k !== input.previousKey);
      if (clash) throw keyError(`This customer already has “${clash}”. Edit that entry instead.`);
      // Rebuild in the same order, so a rename keeps the entry where it was.
      next = Object.fromEntries(Object.entries(data).map(([k, v]) => (k === input.previousKey ? [input.key, input.value] : [k, v])));
    } else {
      const existing = Object.keys(data).find(same);
      if (existing) throw keyError(`This customer already has “${existing}”. Edit that entry instead.`);
      if (Object.keys(data).length >= CUSTOM_DATA_MAX_ENTRIES) throw new UserError('conflict', `A customer can have at most ${CUSTOM_DATA_MAX_ENTRIES} custom data entries.`);
      next = { ...data, [input.key]: input.value };
    }

    await tx.update(contacts).set({ customData: next, updatedAt: now }).where(eq(contacts.id, contact.id));
    slaEvents = await reapplyForContact(tx, ctx.workspaceId, contact.id, now);
    await writeAudit(
      tx,
      ctx,
      input.previousKey !== undefined ? 'contact.custom_data_updated' : 'contact.custom_data_added',
      { type: 'contact', id: contact.id },
      input.previousKey !== undefined && input.previousKey !== input.key ? { key: input.key, previousKey: input.previousKey } : { key: input.key },
    );
  });
  await publish([contactUpdated(ctx.workspaceId, input.contactId, now), ...slaEvents]);
  return { key: input.key, value: input.value };
}
