import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { lockContact } from './lock-contact';
import { contactUpdated } from './realtime';
import { reapplyForContact } from '@/lib/sla/reapply';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

export const deleteCustomDataInput = z.object({ contactId: z.uuid(), key: z.string().min(1).max(200) });
export type DeleteCustomDataInput = z.infer<typeof deleteCustomDataInput>;

/** Removes one free-form entry (exact key). Deleting one that is already gone is a no-op. */
export async function deleteCustomData(db: Db, ctx: ActorContext, input: DeleteCustomDataInput) {
  const now = new Date();
  // The customer's conversations may fall under another SLA rule now.
  let slaEvents: RealtimeEvent[] = [];
  const removed = await db.transaction(async (tx) => {
    const contact = await lockContact(tx, ctx, input.contactId);
    const data = { ...(contact.customData ?? {}) };
    if (!(input.key in data)) return false;
    delete data[input.key];
    await tx.update(contacts).set({ customData: data, updatedAt: now }).where(eq(contacts.id, contact.id));
    slaEvents = await reapplyForContact(tx, ctx.workspaceId, contact.id, now);
    await writeAudit(tx, ctx, 'contact.custom_data_deleted', { type: 'contact', id: contact.id }, { key: input.key });
    return true;
  });
  if (removed) await publish([contactUpdated(ctx.workspaceId, input.contactId, now), ...slaEvents]);
  return { removed };
}
