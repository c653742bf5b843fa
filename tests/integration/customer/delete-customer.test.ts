import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, contactIdentities, contacts, contactTags, conversations, files, inboundEvents, messages, readCursors, tags } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { writeAudit } from '@/lib/audit';
import { addContactTag } from '@/lib/contacts/add-tag';
import { deleteContact } from '@/lib/contacts/delete-contact';
import { getConfig } from '@/lib/config';
import { UserError } from '@/lib/errors';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { sessionOf } from '../support/fixtures';
import { addMessages, createCustomer, createShop, type Shop } from './helpers';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { deleteCustomerAction } = await import('@/app/w/[slug]/inbox/customer-actions');

const NAME = 'Kerry Smith';
const EMAIL = 'kerry.smith@example.test';
const PHONE = '+66 81 234 5678';

let shop: Shop;
let kerry: Awaited<ReturnType<typeof createCustomer>>;
let bystander: Awaited<ReturnType<typeof createCustomer>>;
let storedKey: string;

beforeEach(async () => {
  const db = getDb();
  shop = await createShop(db, 'Erase Shop');
  kerry = await createCustomer(db, shop, { name: NAME, email: EMAIL, phone: PHONE, customData: { Instagram: 'https://instagram.com/kerry' } });
  bystander = await createCustomer(db, shop, { name: 'Other Person', phone: '+66 89 999 0000' });
  await addContactTag(db, shop.agentCtx, { contactId: kerry.contact.id, name: 'VIP' });
  await addContactTag(db, shop.agentCtx, { contactId: bystander.contact.id, name: 'VIP' });

  const stored = await saveFile(db, shop.workspace.id, { data: Buffer.from('receipt'), name: 'receipt.jpg', mimeType: 'image/jpeg' });
  storedKey = stored.storageKey;
  // An earlier, resolved conversation and the open one, with a photo and a note.
  const [older] = await db
    .insert(conversations)
    .values({ workspaceId: shop.workspace.id, contactId: kerry.contact.id, channelId: shop.web.id, status: 'resolved', handler: 'agent' })
    .returning();
  await addMessages(db, shop, older, [{ at: '2026-01-01T10:00:00Z', senderKind: 'customer', body: `Hi, I am ${NAME}` }]);
  await addMessages(db, shop, kerry.conversation, [
    { at: '2026-02-01T10:00:00Z', senderKind: 'customer', body: `My email is ${EMAIL}` },
    { at: '2026-02-01T10:01:00Z', senderKind: 'customer', kind: 'image', attachments: [{ kind: 'image', url: fileUrl(stored.id), mimeType: 'image/jpeg' }] },
    { at: '2026-02-01T10:02:00Z', senderKind: 'agent', kind: 'note', body: 'Regular customer', userId: shop.agent.id },
  ]);
  await addMessages(db, shop, bystander.conversation, [{ at: '2026-02-02T10:00:00Z', senderKind: 'customer', body: 'Unrelated' }]);
  await db.insert(readCursors).values({ conversationId: kerry.conversation.id, userId: shop.agent.id, lastReadAt: new Date() });
  // The raw webhook that carried one of Kerry's messages, and one of the bystander's.
  await db.insert(inboundEvents).values([
    { workspaceId: shop.workspace.id, channelId: shop.whatsapp.id, eventKey: 'k1', rawBody: JSON.stringify({ from: kerry.waId, text: 'hi' }), status: 'processed' },
    { workspaceId: shop.workspace.id, channelId: shop.whatsapp.id, eventKey: 'b1', rawBody: JSON.stringify({ from: bystander.waId, text: 'yo' }), status: 'processed' },
  ]);
  // An earlier audit row that named the customer.
  await writeAudit(db, shop.agentCtx, 'conversation.resolved', { type: 'conversation', id: kerry.conversation.id }, { contactName: NAME, by: shop.agent.name });
});

describe('deleting a customer', () => {
  it('an agent cannot delete a customer; nothing changes', async () => {
    currentUser = sessionOf(shop.agent);
    expect(await deleteCustomerAction({ workspaceId: shop.workspace.id, contactId: kerry.contact.id, confirmName: NAME })).toEqual({
      ok: false,
      code: 'forbidden',
      error: 'Only workspace admins can do this.',
    });
    // The service refuses on its own too.
    await expect(deleteContact(getDb(), shop.agentCtx, { contactId: kerry.contact.id, confirmName: NAME })).rejects.toThrow(UserError);
    expect(await getDb().select().from(contacts).where(eq(contacts.id, kerry.contact.id))).toHaveLength(1);
  });

  it('needs the customer’s name typed to confirm', async () => {
    currentUser = sessionOf(shop.admin);
    expect(await deleteCustomerAction({ workspaceId: shop.workspace.id, contactId: kerry.contact.id, confirmName: 'Kerry' })).toEqual({
      ok: false,
      code: 'invalid',
      error: 'Type the customer’s name exactly as shown to confirm.',
      fieldErrors: { confirmName: ['Type the customer’s name exactly as shown to confirm.'] },
    });
    expect(await getDb().select().from(contacts).where(eq(contacts.id, kerry.contact.id))).toHaveLength(1);
  });

  it('an admin erases the contact, identities, conversations, messages and files, keeping an audit row without personal data', async () => {
    const db = getDb();
    const conversationIds = (await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, kerry.contact.id))).map((c) => c.id);
    expect(conversationIds).toHaveLength(2);

    currentUser = sessionOf(shop.admin);
    const result = await deleteCustomerAction({ workspaceId: shop.workspace.id, contactId: kerry.contact.id, confirmName: '  kerry   SMITH ' });
    expect(result).toMatchObject({ ok: true, data: { contactId: kerry.contact.id, counts: { conversations: 2, messages: 4, identities: 2, tags: 1, files: 1, rawEvents: 1 } } });

    expect(await db.select().from(contacts).where(eq(contacts.id, kerry.contact.id))).toHaveLength(0);
    expect(await db.select().from(contactIdentities).where(eq(contactIdentities.contactId, kerry.contact.id))).toHaveLength(0);
    expect(await db.select().from(contactTags).where(eq(contactTags.contactId, kerry.contact.id))).toHaveLength(0);
    expect(await db.select().from(conversations).where(inArray(conversations.id, conversationIds))).toHaveLength(0);
    expect(await db.select().from(messages).where(inArray(messages.conversationId, conversationIds))).toHaveLength(0);
    expect(await db.select().from(readCursors).where(inArray(readCursors.conversationId, conversationIds))).toHaveLength(0);
    expect(await db.select().from(files).where(eq(files.workspaceId, shop.workspace.id))).toHaveLength(0);
    await expect(fs.access(path.resolve(getConfig().BATON_DATA_DIR, 'files', storedKey))).rejects.toThrow();
    expect((await db.select().from(inboundEvents).where(eq(inboundEvents.workspaceId, shop.workspace.id))).map((e) => e.eventKey)).toEqual(['b1']);

    // Everyone else is untouched: the other customer, their conversation, and the shared tag.
    expect(await db.select().from(contacts).where(eq(contacts.id, bystander.contact.id))).toHaveLength(1);
    expect(await db.select().from(messages).where(eq(messages.conversationId, bystander.conversation.id))).toHaveLength(1);
    expect(await db.select().from(tags).where(eq(tags.workspaceId, shop.workspace.id))).toHaveLength(1);

    // One audit row records the deletion with counts only; no audit row names the customer.
    const audit = await db.select().from(auditLog).where(eq(auditLog.workspaceId, shop.workspace.id));
    const deletion = audit.find((a) => a.action === 'contact.deleted');
    expect(deletion).toMatchObject({
      actorUserId: shop.admin.id,
      targetType: 'contact',
      targetId: kerry.contact.id,
      data: { conversations: 2, messages: 4, identities: 2, tags: 1, files: 1, rawEvents: 1, channels: ['whatsapp', 'web'] },
    });
    const everything = JSON.stringify(audit.map((a) => a.data)).toLowerCase();
    for (const personal of [NAME, 'kerry', EMAIL, PHONE, kerry.waId, 'instagram.com/kerry']) expect(everything).not.toContain(personal.toLowerCase());
    // The earlier row keeps what happened (and who did it) without who it happened to.
    const resolved = audit.find((a) => a.action === 'conversation.resolved');
    expect(resolved?.data).toEqual({ contactName: '[erased]', by: shop.agent.name });
  });

  it('a second delete of the same customer says it no longer exists', async () => {
    await deleteContact(getDb(), shop.adminCtx, { contactId: kerry.contact.id, confirmName: NAME });
    await expect(deleteContact(getDb(), shop.adminCtx, { contactId: kerry.contact.id, confirmName: NAME })).rejects.toThrow('This customer no longer exists.');
  });
});
