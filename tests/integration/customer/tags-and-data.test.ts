import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, contacts, contactTags, customerFields, tags } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { addContactTag } from '@/lib/contacts/add-tag';
import { deleteCustomData } from '@/lib/contacts/delete-custom-data';
import { getCustomerProfile } from '@/lib/contacts/profile';
import { removeContactTag } from '@/lib/contacts/remove-tag';
import { setCustomData } from '@/lib/contacts/set-custom-data';
import { updateCustomerFields } from '@/lib/contacts/update-fields';
import { UserError } from '@/lib/errors';
import { sessionOf } from '../support/fixtures';
import { createCustomer, createShop, type Shop } from './helpers';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const actions = await import('@/app/w/[slug]/inbox/customer-actions');

let shop: Shop;
let other: Shop;
let customer: Awaited<ReturnType<typeof createCustomer>>;

beforeEach(async () => {
  const db = getDb();
  shop = await createShop(db, 'Tag Shop');
  other = await createShop(db, 'Other Shop');
  customer = await createCustomer(db, shop, { name: 'Kerry Smith', email: 'kerry@example.test', phone: '+66 81 234 5678', customData: { 'Last order': '#1042' } });
});

const contactRow = async () => (await getDb().select().from(contacts).where(eq(contacts.id, customer.contact.id)))[0];
const tagNames = async () =>
  (
    await getDb()
      .select({ name: tags.name })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(eq(contactTags.contactId, customer.contact.id))
  )
    .map((r) => r.name)
    .sort();

describe('tags', () => {
  it('an agent adds a tag, creating it on the fly, and reuses it case-insensitively', async () => {
    currentUser = sessionOf(shop.agent);
    const added = await actions.addTagAction({ workspaceId: shop.workspace.id, contactId: customer.contact.id, name: '  VIP   buyer ' });
    expect(added).toMatchObject({ ok: true, data: { added: true, createdTag: true, tag: { name: 'VIP buyer' } } });
    expect(await tagNames()).toEqual(['VIP buyer']);

    // The same name in other case is the same tag, and tagging twice changes nothing.
    const again = await actions.addTagAction({ workspaceId: shop.workspace.id, contactId: customer.contact.id, name: 'vip BUYER' });
    expect(again).toMatchObject({ ok: true, data: { added: false, createdTag: false } });
    const workspaceTags = await getDb().select().from(tags).where(eq(tags.workspaceId, shop.workspace.id));
    expect(workspaceTags.map((t) => t.name)).toEqual(['VIP buyer']);

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.workspace.id));
    expect(audit.map((a) => [a.action, a.actorUserId, a.data])).toEqual([
      ['contact.tag_added', shop.agent.id, { tag: 'VIP buyer', tagId: workspaceTags[0].id, createdTag: true }],
    ]);
  });

  it('removes a tag from the customer, keeps the workspace tag, and removing twice is a no-op', async () => {
    const { tag } = await addContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, name: 'Returning' });
    await addContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, name: 'Wholesale' });
    expect(await removeContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, tagId: tag.id })).toEqual({ removed: true });
    expect(await tagNames()).toEqual(['Wholesale']);
    expect(await removeContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, tagId: tag.id })).toEqual({ removed: false });
    expect(await getDb().select().from(tags).where(eq(tags.id, tag.id))).toHaveLength(1);
  });

  it('refuses empty and over-long tag names with a field message', async () => {
    currentUser = sessionOf(shop.agent);
    expect(await actions.addTagAction({ workspaceId: shop.workspace.id, contactId: customer.contact.id, name: '   ' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: ['Enter a tag'] },
    });
    expect(await actions.addTagAction({ workspaceId: shop.workspace.id, contactId: customer.contact.id, name: 'x'.repeat(41) })).toMatchObject({
      ok: false,
      fieldErrors: { name: ['Keep tags under 40 characters'] },
    });
  });

  it('two agents tagging at once with a new name create one tag', async () => {
    const second = await createCustomer(getDb(), shop, { name: 'Second Customer' });
    await Promise.all([
      addContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, name: 'Flash sale' }),
      addContactTag(getDb(), shop.adminCtx, { contactId: second.contact.id, name: 'flash sale' }),
    ]);
    const rows = await getDb().select().from(tags).where(eq(tags.workspaceId, shop.workspace.id));
    expect(rows).toHaveLength(1);
  });
});

describe('custom data', () => {
  it('adds, edits (renaming in place), and deletes key–value entries', async () => {
    await setCustomData(getDb(), shop.agentCtx, { contactId: customer.contact.id, key: 'Favourite colour', value: 'Sage' });
    expect((await contactRow()).customData).toEqual({ 'Last order': '#1042', 'Favourite colour': 'Sage' });

    await setCustomData(getDb(), shop.agentCtx, { contactId: customer.contact.id, key: 'Latest order', value: '#1077', previousKey: 'Last order' });
    const row = await contactRow();
    expect(Object.entries(row.customData)).toEqual([
      ['Latest order', '#1077'],
      ['Favourite colour', 'Sage'],
    ]);

    expect(await deleteCustomData(getDb(), shop.agentCtx, { contactId: customer.contact.id, key: 'Favourite colour' })).toEqual({ removed: true });
    expect(await deleteCustomData(getDb(), shop.agentCtx, { contactId: customer.contact.id, key: 'Favourite colour' })).toEqual({ removed: false });
    expect((await contactRow()).customData).toEqual({ 'Latest order': '#1077' });

    // The audit names keys, never values (they may be personal data).
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.targetId, customer.contact.id));
    expect(audit.map((a) => [a.action, a.data]).sort()).toEqual(
      [
        ['contact.custom_data_added', { key: 'Favourite colour' }],
        ['contact.custom_data_updated', { key: 'Latest order', previousKey: 'Last order' }],
        ['contact.custom_data_deleted', { key: 'Favourite colour' }],
      ].sort(),
    );
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain('#1077');
  });

  it('refuses a duplicate key (case-insensitive), a stale edit, an empty value and a key owned by a customer field', async () => {
    await getDb().insert(customerFields).values({ workspaceId: shop.workspace.id, label: 'City', key: 'city', type: 'text' });
    currentUser = sessionOf(shop.agent);
    const base = { workspaceId: shop.workspace.id, contactId: customer.contact.id };
    expect(await actions.setCustomDataAction({ ...base, key: 'last ORDER', value: '#1' })).toEqual({
      ok: false,
      code: 'conflict',
      error: 'This customer already has “Last order”. Edit that entry instead.',
      fieldErrors: { key: ['This customer already has “Last order”. Edit that entry instead.'] },
    });
    expect(await actions.setCustomDataAction({ ...base, key: 'Note', value: 'x', previousKey: 'Gone' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await actions.setCustomDataAction({ ...base, key: 'Note', value: '   ' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { value: [expect.any(String)] } });
    expect(await actions.setCustomDataAction({ ...base, key: 'City', value: 'Bangkok' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { key: ['“City” is the City field: fill it in under Additional information.'] },
    });
    expect((await contactRow()).customData).toEqual({ 'Last order': '#1042' });
  });
});

describe('customer fields: values are checked by type on the server', () => {
  beforeEach(async () => {
    await getDb()
      .insert(customerFields)
      .values([
        { workspaceId: shop.workspace.id, label: 'Nickname', key: 'nickname', type: 'text', position: 0 },
        { workspaceId: shop.workspace.id, label: 'Shoe size', key: 'shoe_size', type: 'number', position: 1 },
        { workspaceId: shop.workspace.id, label: 'Birthday', key: 'birthday', type: 'date', position: 2 },
        { workspaceId: shop.workspace.id, label: 'City', key: 'city', type: 'list', options: ['Bangkok', 'Chiang Mai'], required: true, position: 3 },
        { workspaceId: shop.workspace.id, label: 'VIP', key: 'vip', type: 'checkbox', position: 4 },
        { workspaceId: shop.workspace.id, label: 'Instagram', key: 'instagram', type: 'link', position: 5 },
      ]);
  });

  const save = (values: Record<string, string | boolean>) => updateCustomerFields(getDb(), shop.agentCtx, { contactId: customer.contact.id, values });
  const refusal = async (values: Record<string, string | boolean>) => {
    const error = await save(values).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).fieldErrors;
  };

  it('stores valid values normalised, in custom data by key', async () => {
    const result = await save({
      nickname: '  Kez ',
      shoe_size: '040.50',
      birthday: '1990-02-28',
      city: 'chiang mai',
      vip: 'true',
      instagram: 'instagram.com/kerry.s',
    });
    expect(result.values).toEqual({
      nickname: 'Kez',
      shoe_size: '40.5',
      birthday: '1990-02-28',
      city: 'Chiang Mai',
      vip: 'true',
      instagram: 'https://instagram.com/kerry.s',
    });
    expect((await contactRow()).customData).toEqual({
      'Last order': '#1042',
      nickname: 'Kez',
      shoe_size: '40.5',
      birthday: '1990-02-28',
      city: 'Chiang Mai',
      vip: 'true',
      instagram: 'https://instagram.com/kerry.s',
    });

    // Clearing removes the key; an unticked checkbox is "not set".
    await save({ nickname: '', vip: 'false' });
    const data = (await contactRow()).customData;
    expect(data).not.toHaveProperty('nickname');
    expect(data).not.toHaveProperty('vip');
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, customer.contact.id), eq(auditLog.action, 'contact.fields_updated')));
    expect(audit.map((a) => a.data)).toEqual([{ keys: ['nickname', 'shoe_size', 'birthday', 'city', 'vip', 'instagram'] }, { keys: ['nickname', 'vip'] }]);
  });

  it('refuses a wrong value of each type with a message on that field, saving nothing', async () => {
    expect(
      await refusal({
        shoe_size: 'forty',
        birthday: '2023-02-30',
        city: 'Paris',
        vip: 'maybe',
        instagram: 'javascript:alert(1)',
        nickname: 'x'.repeat(501),
      }),
    ).toEqual({
      shoe_size: ['Shoe size must be a number, e.g. 42 or 3.5'],
      birthday: ['Birthday must be a date (YYYY-MM-DD)'],
      city: ['City must be one of: Bangkok, Chiang Mai'],
      vip: ['VIP: tick or untick the box'],
      instagram: ['Instagram must be a web link, e.g. https://instagram.com/name'],
      nickname: ['Keep Nickname under 500 characters'],
    });
    expect((await contactRow()).customData).toEqual({ 'Last order': '#1042' });
    expect(await refusal({ birthday: '14/03/1996' })).toEqual({ birthday: ['Birthday must be a date (YYYY-MM-DD)'] });
    expect(await refusal({ instagram: 'ftp://files.example.com/x' })).toEqual({ instagram: [expect.stringContaining('web link')] });
    expect(await refusal({ instagram: 'not a link' })).toEqual({ instagram: [expect.stringContaining('web link')] });
  });

  it('a required field cannot be cleared, and an unknown key is refused', async () => {
    await save({ city: 'Bangkok' });
    expect(await refusal({ city: '' })).toEqual({ city: ['City is required'] });
    expect(await refusal({ shoe_colour: 'red' })).toEqual({ shoe_colour: ['This field no longer exists. Reload the page.'] });
    expect((await contactRow()).customData.city).toBe('Bangkok');
  });

  it('through the server action, the field errors reach the form', async () => {
    currentUser = sessionOf(shop.agent);
    const result = await actions.updateCustomerFieldsAction({ workspaceId: shop.workspace.id, contactId: customer.contact.id, values: { birthday: 'tomorrow' } });
    expect(result).toEqual({
      ok: false,
      code: 'invalid',
      error: 'Birthday must be a date (YYYY-MM-DD)',
      fieldErrors: { birthday: ['Birthday must be a date (YYYY-MM-DD)'] },
    });
  });

  it('the panel shows fields with their values and the rest of custom data apart', async () => {
    await save({ city: 'Bangkok', vip: true });
    const profile = await getCustomerProfile(getDb(), shop.agentCtx, customer.contact.id);
    expect(profile?.fields.map((f) => [f.key, f.value])).toEqual([
      ['nickname', null],
      ['shoe_size', null],
      ['birthday', null],
      ['city', 'Bangkok'],
      ['vip', 'true'],
      ['instagram', null],
    ]);
    expect(profile?.customData).toEqual([{ key: 'Last order', value: '#1042' }]);
    expect(profile?.identities.map((i) => i.channelKind).sort()).toEqual(['web', 'whatsapp']);
    expect(profile?.recentOrders).toEqual([]);
    // Another workspace cannot read this customer.
    expect(await getCustomerProfile(getDb(), other.adminCtx, customer.contact.id)).toBeNull();
  });
});

describe('another workspace’s member', () => {
  it('is refused every customer action, and the customer is unchanged', async () => {
    const tag = await addContactTag(getDb(), shop.agentCtx, { contactId: customer.contact.id, name: 'Keep' });
    const before = await contactRow();
    currentUser = sessionOf(other.admin);
    const forbidden = { ok: false, code: 'forbidden', error: 'You are not a member of this workspace.' };
    const ws = shop.workspace.id;
    const id = customer.contact.id;
    expect(await actions.addTagAction({ workspaceId: ws, contactId: id, name: 'Hacked' })).toEqual(forbidden);
    expect(await actions.removeTagAction({ workspaceId: ws, contactId: id, tagId: tag.tag.id })).toEqual(forbidden);
    expect(await actions.setCustomDataAction({ workspaceId: ws, contactId: id, key: 'x', value: 'y' })).toEqual(forbidden);
    expect(await actions.deleteCustomDataAction({ workspaceId: ws, contactId: id, key: 'Last order' })).toEqual(forbidden);
    expect(await actions.updateCustomerFieldsAction({ workspaceId: ws, contactId: id, values: {} })).toEqual(forbidden);
    expect(await actions.deleteCustomerAction({ workspaceId: ws, contactId: id, confirmName: 'Kerry Smith' })).toEqual(forbidden);

    // Naming their own workspace does not reach another workspace's customer either.
    const own = other.workspace.id;
    const notFound = { ok: false, code: 'not_found', error: 'This customer no longer exists.' };
    expect(await actions.addTagAction({ workspaceId: own, contactId: id, name: 'Hacked' })).toEqual(notFound);
    expect(await actions.removeTagAction({ workspaceId: own, contactId: id, tagId: tag.tag.id })).toEqual(notFound);
    expect(await actions.setCustomDataAction({ workspaceId: own, contactId: id, key: 'x', value: 'y' })).toEqual(notFound);
    expect(await actions.deleteCustomDataAction({ workspaceId: own, contactId: id, key: 'Last order' })).toEqual(notFound);
    expect(await actions.updateCustomerFieldsAction({ workspaceId: own, contactId: id, values: {} })).toEqual(notFound);
    expect(await actions.deleteCustomerAction({ workspaceId: own, contactId: id, confirmName: 'Kerry Smith' })).toEqual(notFound);

    expect(await contactRow()).toEqual(before);
    expect(await tagNames()).toEqual(['Keep']);
    currentUser = null;
    expect(await actions.addTagAction({ workspaceId: ws, contactId: id, name: 'x' })).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});
