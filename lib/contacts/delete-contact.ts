import { and, count, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditLog, channels, contactIdentities, contacts, contactTags, conversations, files, inboundEvents, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { removeStoredBytes } from '@/lib/files/storage';
import { deleteContactRecordings } from '@/lib/recordings/delete';
import { publish } from '@/lib/realtime/publisher';
import { lockContact } from './lock-contact';
import { storedFileId } from './own-files';
import { contactDeleted } from './realtime';
import { personalNeedles, scrubPersonalData } from './scrub';

export const deleteContactInput = z.object({
  contactId: z.uuid(),
  confirmName: z.string('Type the customer’s name to confirm').max(300),
});
export type DeleteContactInput = z.infer<typeof deleteContactInput>;

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * Erases a customer (admins only, after typing their name): the contact, its channel
 * identities, tags, conversations and messages, the files sent in them, their visit recordings and the raw
 * webhook deliveries that carried them. Earlier audit rows about them lose any personal
 * data; one new audit row records the deletion with counts only: no name, email or phone.
 */
// Long: one transaction that erases a customer in a fixed order (files, raw deliveries, audit data, then the contact), read top to bottom.
export async function deleteContact(db: Db, ctx: ActorContext, input: DeleteContactInput) {
  if (ctx.actor.role !== 'admin') throw new UserError('forbidden', 'Only workspace admins can delete customers.');

  const result = await db.transaction(async (tx) => {
    const contact = await lockContact(tx, ctx, input.contactId);
    if (normalize(input.confirmName) !== normalize(contact.name)) {
      const message = 'Type the customer’s name exactly as shown to confirm.';
      throw new UserError('invalid', message, { confirmName: [message] });
    }

    // Lock the conversations too: a reply arriving now either lands before the delete
    // (and is erased with it) or finds the conversation gone.
    const convs = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.contactId, contact.id), eq(conversations.workspaceId, ctx.workspaceId)))
      .for('update');
    const conversationIds = convs.map((c) => c.id);
    const identities = await tx
      .select({ channelId: contactIdentities.channelId, externalId: contactIdentities.externalId, profile: contactIdentities.profile, kind: channels.kind })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(and(eq(contactIdentities.contactId, contact.id), eq(contactIdentities.workspaceId, ctx.workspaceId)));
    const [{ tagCount }] = await tx.select({ tagCount: count() }).from(contactTags).where(eq(contactTags.contactId, contact.id));

    let messageCount = 0;
    const fileIds = new Set<string>();
    if (conversationIds.length > 0) {
      const rows = await tx
        .select({ attachments: messages.attachments })
        .from(messages)
        .where(and(inArray(messages.conversationId, conversationIds), eq(messages.workspaceId, ctx.workspaceId)));
      messageCount = rows.length;
      for (const row of rows) {
        for (const a of row.attachments ?? []) {
          const id = storedFileId(a.url);
          if (id) fileIds.add(id);
        }
      }
    }
    const removedFiles =
      fileIds.size > 0
        ? await tx
            .delete(files)
            .where(and(inArray(files.id, [...fileIds]), eq(files.workspaceId, ctx.workspaceId)))
            .returning({ storageKey: files.storageKey })
        : [];

    // Their recorded visits on the shop's pages, with the stored files.
    const recordings = await deleteContactRecordings(tx, ctx.workspaceId, contact.id);

    // Raw webhook deliveries that carried this customer's messages (by their platform id).
    // Ones still waiting to be processed are left alone: they are a new message.
    let rawEvents = 0;
    for (const identity of identities) {
      if (identity.externalId.length < 6) continue;
      const deleted = await tx
        .delete(inboundEvents)
        .where(
          and(
            eq(inboundEvents.workspaceId, ctx.workspaceId),
            eq(inboundEvents.channelId, identity.channelId),
            notInArray(inboundEvents.status, ['pending', 'waiting', 'processing']),
            sql`strpos(${inboundEvents.rawBody}, ${identity.externalId}) > 0`,
          ),
        )
        .returning({ id: inboundEvents.id });
      rawEvents += deleted.length;
    }

    // Earlier audit rows about this customer or their conversations keep what happened,
    // not who it happened to.
    const needles = personalNeedles([
      contact.name,
      contact.email,
      contact.phone,
      ...identities.map((i) => i.externalId),
      ...identities.flatMap((i) => [i.profile?.name, i.profile?.displayName].map((v) => (typeof v === 'string' ? v : null))),
    ]);
    const targets = [and(eq(auditLog.targetType, 'contact'), eq(auditLog.targetId, contact.id))];
    if (conversationIds.length > 0) targets.push(and(eq(auditLog.targetType, 'conversation'), inArray(auditLog.targetId, conversationIds)));
    const history = await tx
      .select({ id: auditLog.id, data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), or(...targets)));
    for (const row of history) {
      const scrubbed = scrubPersonalData(row.data, needles);
      if (scrubbed.changed) await tx.update(auditLog).set({ data: scrubbed.value as Record<string, unknown> }).where(eq(auditLog.id, row.id));
    }

    // Identities, tags, conversations, messages and read cursors go with the contact (ON DELETE CASCADE).
    await tx.delete(contacts).where(and(eq(contacts.id, contact.id), eq(contacts.workspaceId, ctx.workspaceId)));

    const counts = {
      conversations: conversationIds.length,
      messages: messageCount,
      identities: identities.length,
      tags: tagCount,
      files: removedFiles.length,
      recordings: recordings.count,
      rawEvents,
    };
    await writeAudit(tx, ctx, 'contact.deleted', { type: 'contact', id: contact.id }, { ...counts, channels: [...new Set(identities.map((i) => i.kind))] });
    return { conversationIds, counts, storageKeys: [...removedFiles.map((f) => f.storageKey), ...recordings.storageKeys] };
  });

  await removeStoredBytes(result.storageKeys).catch((error) => console.error('[contacts] removing stored files failed:', error));
  await publish([contactDeleted(ctx.workspaceId, input.contactId, result.conversationIds)]);
  return { contactId: input.contactId, conversationIds: result.conversationIds, counts: result.counts };
}
