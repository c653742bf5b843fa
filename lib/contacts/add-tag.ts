import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts, contactTags, tags } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { lockContact } from './lock-contact';
import { contactUpdated } from './realtime';
import { reapplyForContact } from '@/lib/sla/reapply';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

export const MAX_TAGS_PER_CONTACT = 50;

export const tagName = z
  .string('Enter a tag')
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'Enter a tag').max(40, 'Keep tags under 40 characters'));

export const addTagInput = z.object({ contactId: z.uuid(), name: tagName });
export type AddTagInput = z.infer<typeof addTagInput>;

/**
 * Tags the customer, creating the workspace tag on the fly when no tag has that name
 * (names are unique per workspace, case-insensitively: "vip" reuses "VIP").
 */
export async function addContactTag(db: Db, ctx: ActorContext, input: AddTagInput) {
  const now = new Date();
  // The customer's conversations may fall under another SLA rule now.
  let slaEvents: RealtimeEvent[] = [];
  const result = await db.transaction(async (tx) => {
    await lockContact(tx, ctx, input.contactId);
    const inserted = await tx
      .insert(tags)
      .values({ workspaceId: ctx.workspaceId, name: input.name })
      .onConflictDoNothing()
      .returning({ id: tags.id });
    const [tag] = await tx
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(tags)
      .where(and(eq(tags.workspaceId, ctx.workspaceId), sql`lower(${tags.name}) = lower(${input.name})`))
      .limit(1);
    if (!tag) throw new Error('tag vanished after insert');

    const [{ n }] = await tx.select({ n: count() }).from(contactTags).where(eq(contactTags.contactId, input.contactId));
    const added = await tx.insert(contactTags).values({ contactId: input.contactId, tagId: tag.id }).onConflictDoNothing().returning();
    if (added.length === 0) return { tag, added: false, createdTag: false };
    if (n >= MAX_TAGS_PER_CONTACT) throw new UserError('conflict', `A customer can have at most ${MAX_TAGS_PER_CONTACT} tags.`);

    await tx.update(contacts).set({ updatedAt: now }).where(eq(contacts.id, input.contactId));
    slaEvents = await reapplyForContact(tx, ctx.workspaceId, input.contactId, now);
    await writeAudit(tx, ctx, 'contact.tag_added', { type: 'contact', id: input.contactId }, { tag: tag.name, tagId: tag.id, createdTag: inserted.length > 0 });
    return { tag, added: true, createdTag: inserted.length > 0 };
  });
  if (result.added) await publish([contactUpdated(ctx.workspaceId, input.contactId, now), ...slaEvents]);
  return result;
}
