import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts, contactTags, tags } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { lockContact } from './lock-contact';
import { contactUpdated } from './realtime';
import { reapplyForContact } from '@/lib/sla/reapply';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

export const removeTagInput = z.object({ contactId: z.uuid(), tagId: z.uuid() });
export type RemoveTagInput = z.infer<typeof removeTagInput>;

/** Untags the customer; the workspace tag itself stays for other customers. Removing twice is a no-op. */
export async function removeContactTag(db: Db, ctx: ActorContext, input: RemoveTagInput) {
  const now = new Date();
  // The customer's conversations may fall under another SLA rule now.
  let slaEvents: RealtimeEvent[] = [];
  const result = await db.transaction(async (tx) => {
    await lockContact(tx, ctx, input.contactId);
    const [tag] = await tx
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(and(eq(tags.id, input.tagId), eq(tags.workspaceId, ctx.workspaceId)))
      .limit(1);
    if (!tag) return { removed: false };
    const removed = await tx
      .delete(contactTags)
      .where(and(eq(contactTags.contactId, input.contactId), eq(contactTags.tagId, tag.id)))
      .returning();
    if (removed.length === 0) return { removed: false };
    await tx.update(contacts).set({ updatedAt: now }).where(eq(contacts.id, input.contactId));
    slaEvents = await reapplyForContact(tx, ctx.workspaceId, input.contactId, now);
    await writeAudit(tx, ctx, 'contact.tag_removed', { type: 'contact', id: input.contactId }, { tag: tag.name, tagId: tag.id });
    return { removed: true };
  });
  if (result.removed) await publish([contactUpdated(ctx.workspaceId, input.contactId, now), ...slaEvents]);
  return result;
}
