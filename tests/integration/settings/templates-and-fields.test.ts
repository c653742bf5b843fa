import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, whatsappTemplates } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { listCustomerFields, listWhatsappTemplates } from '@/lib/settings/inbox-config';
import { templateParameters } from '@/lib/settings/template-parameters';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const templates = await import('@/app/w/[slug]/settings/templates/actions');
const fields = await import('@/app/w/[slug]/settings/customer-fields/actions');

type User = Awaited<ReturnType<typeof createUser>>;
let shop: { id: string };
let otherShop: { id: string };
let admin: User;
let agent: User;
let waChannel: { id: string };
let webChannel: { id: string };
let otherWa: { id: string };

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Template Shop');
  otherShop = await createWorkspace(db, 'Other Shop');
  admin = await createUser(db, 'Admin');
  agent = await createUser(db, 'Agent');
  await addMember(db, shop.id, admin.id, 'admin');
  await addMember(db, shop.id, agent.id, 'agent');
  [waChannel] = await db.insert(channels).values({ workspaceId: shop.id, kind: 'whatsapp', name: 'Main number', externalId: randomUUID() }).returning();
  [webChannel] = await db.insert(channels).values({ workspaceId: shop.id, kind: 'web', name: 'Website', externalId: randomUUID() }).returning();
  [otherWa] = await db.insert(channels).values({ workspaceId: otherShop.id, kind: 'whatsapp', name: 'Theirs', externalId: randomUUID() }).returning();
  currentUser = sessionOf(admin);
});

describe('template parameter counting', () => {
  it('counts {{1}}…{{n}}, and refuses gaps and anything else inside {{ }}', () => {
    expect(templateParameters('Your order is on its way')).toEqual({ count: 0, problem: null });
    expect(templateParameters('Hi {{1}}, order {{2}} ships today. Thanks {{1}}!')).toEqual({ count: 2, problem: null });
    expect(templateParameters('{{2}} then {{1}} then {{3}}')).toEqual({ count: 3, problem: null });
    expect(templateParameters('Hi {{ 1 }}')).toEqual({ count: 1, problem: null });
    expect(templateParameters('Hi {{1}}, order {{3}}').problem).toBe('{{2}} is missing: number the parameters {{1}} to {{3}} without gaps.');
    expect(templateParameters('Hi {{name}}').problem).toBe('{{name}} is not a parameter. Number them {{1}}, {{2}} … in order.');
    expect(templateParameters('Hi {{0}}').problem).toContain('{{0}} is not a parameter');
  });
});

describe('WhatsApp templates', () => {
  const order = { name: 'order_update', language: 'en_US', category: 'UTILITY', body: 'Hi {{1}}, your order {{2}} has shipped.' };

  it('an admin creates a template with its parameter count derived from the body, edits and deletes it', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ workspaceId: shop.id, ...order, channelId: waChannel.id })) fd.set(k, v);
    const created = await templates.createTemplateAction(null, fd);
    expect(created).toMatchObject({ ok: true, data: { name: 'order_update', language: 'en_US', parameterCount: 2, channelId: waChannel.id } });
    const id = created.ok ? created.data.id : '';

    const updated = await templates.updateTemplateAction({ workspaceId: shop.id, id, ...order, body: 'Hi {{1}}, order {{2}} arrives {{3}}.', channelId: '' });
    expect(updated).toMatchObject({ ok: true, data: { parameterCount: 3, channelId: null } });
    expect((await listWhatsappTemplates(getDb(), { workspaceId: shop.id })).map((t) => [t.name, t.parameterCount, t.channelName])).toEqual([['order_update', 3, null]]);

    // The same name in another language is another template; in the same language it is refused.
    expect(await templates.createTemplateAction({ workspaceId: shop.id, ...order, language: 'th' })).toMatchObject({ ok: true });
    const message = 'There is already a template order_update in en_US.';
    expect(await templates.createTemplateAction({ workspaceId: shop.id, ...order })).toEqual({ ok: false, code: 'conflict', error: message, fieldErrors: { name: [message] } });

    expect(await templates.deleteTemplateAction({ workspaceId: shop.id, id })).toMatchObject({ ok: true });
    expect(await getDb().select().from(whatsappTemplates).where(eq(whatsappTemplates.workspaceId, shop.id))).toHaveLength(1);
  });

  it('validates name, language, category, body parameters and the WhatsApp number', async () => {
    const result = await templates.createTemplateAction({ workspaceId: shop.id, name: 'Order Update', language: 'english', category: 'PROMO', body: 'Hi {{1}} and {{3}}' });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: {
        name: ['Template names use lowercase letters, numbers and _ only, e.g. order_update'],
        language: ['Use a language code such as en_US, en or th'],
        category: ['Choose a category'],
        body: ['{{2}} is missing: number the parameters {{1}} to {{3}} without gaps.'],
      },
    });
    const numberError = { ok: false, code: 'invalid', error: 'Choose one of your WhatsApp numbers.', fieldErrors: { channelId: ['Choose one of your WhatsApp numbers.'] } };
    expect(await templates.createTemplateAction({ workspaceId: shop.id, ...order, channelId: webChannel.id })).toEqual(numberError);
    expect(await templates.createTemplateAction({ workspaceId: shop.id, ...order, channelId: otherWa.id })).toEqual(numberError);
    expect(await getDb().select().from(whatsappTemplates).where(eq(whatsappTemplates.workspaceId, shop.id))).toHaveLength(0);
  });

  it('is admin-only', async () => {
    currentUser = sessionOf(agent);
    expect(await templates.createTemplateAction({ workspaceId: shop.id, ...order })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('customer fields', () => {
  it('an admin creates fields (key derived from the label), edits, reorders and deletes them', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ workspaceId: shop.id, label: 'Instagram profile', key: '', type: 'link' })) fd.set(k, v);
    const instagram = await fields.createCustomerFieldAction(null, fd);
    expect(instagram).toMatchObject({ ok: true, data: { label: 'Instagram profile', key: 'instagram_profile', type: 'link', options: [], required: false, position: 0 } });

    const sizeForm = new FormData();
    for (const [k, v] of Object.entries({ workspaceId: shop.id, label: 'Size', type: 'list', options: 'S\n M \n\nL', required: 'on' })) sizeForm.set(k, v);
    const size = await fields.createCustomerFieldAction(null, sizeForm);
    expect(size).toMatchObject({ ok: true, data: { key: 'size', options: ['S', 'M', 'L'], required: true, position: 1 } });
    const birthday = await fields.createCustomerFieldAction({ workspaceId: shop.id, label: 'Birthday', key: 'dob', type: 'date' });
    expect(birthday).toMatchObject({ ok: true, data: { key: 'dob', position: 2 } });

    const keys = async () => (await listCustomerFields(getDb(), { workspaceId: shop.id })).map((f) => f.key);
    const idOf = (r: typeof size) => (r.ok ? r.data.id : '');
    expect(await fields.moveCustomerFieldAction({ workspaceId: shop.id, id: idOf(birthday), direction: 'up' })).toMatchObject({ ok: true });
    expect(await keys()).toEqual(['instagram_profile', 'dob', 'size']);
    await fields.moveCustomerFieldAction({ workspaceId: shop.id, id: idOf(instagram), direction: 'up' }); // already first: no change
    await fields.moveCustomerFieldAction({ workspaceId: shop.id, id: idOf(instagram), direction: 'down' });
    expect(await keys()).toEqual(['dob', 'instagram_profile', 'size']);
    expect((await listCustomerFields(getDb(), { workspaceId: shop.id })).map((f) => f.position)).toEqual([0, 1, 2]);

    // Editing changes label, type, options and required; the key stays.
    const edited = await fields.updateCustomerFieldAction({ workspaceId: shop.id, id: idOf(size), label: 'Dress size', type: 'list', options: ['XS', 'S', 'M'], required: false, key: 'changed' });
    expect(edited).toMatchObject({ ok: true, data: { label: 'Dress size', key: 'size', options: ['XS', 'S', 'M'], required: false } });
    // Options only belong to lists.
    expect(await fields.updateCustomerFieldAction({ workspaceId: shop.id, id: idOf(size), label: 'Size', type: 'text', options: ['XS'] })).toMatchObject({
      ok: true,
      data: { type: 'text', options: [] },
    });

    expect(await fields.deleteCustomerFieldAction({ workspaceId: shop.id, id: idOf(instagram) })).toMatchObject({ ok: true });
    expect(await keys()).toEqual(['dob', 'size']);
  });

  it('validates the key, the type and the list options, and refuses a duplicate key', async () => {
    const create = (values: Record<string, unknown>) => fields.createCustomerFieldAction({ workspaceId: shop.id, label: 'City', type: 'text', ...values });
    expect(await create({ key: 'City Name' })).toMatchObject({ ok: false, fieldErrors: { key: ['Keys use lowercase a–z, 0–9 and _ only, e.g. instagram'] } });
    expect(await create({ label: 'เมือง' })).toMatchObject({ ok: false, fieldErrors: { key: ['Enter a key using a–z, 0–9 and _'] } });
    expect(await create({ type: 'colour' })).toMatchObject({ ok: false, fieldErrors: { type: ['Choose a type'] } });
    expect(await create({ type: 'list', options: '' })).toMatchObject({ ok: false, fieldErrors: { options: ['Add the list’s options, one per line'] } });
    expect(await create({ type: 'list', options: 'Bangkok\nbangkok' })).toMatchObject({ ok: false, fieldErrors: { options: ['“bangkok” is listed twice'] } });
    expect(await create({ label: '' })).toMatchObject({ ok: false, fieldErrors: { label: ['Enter a label'] } });

    expect(await create({})).toMatchObject({ ok: true, data: { key: 'city' } });
    const message = 'There is already a field with the key city. Choose another key.';
    expect(await create({ label: 'Town', key: 'city' })).toEqual({ ok: false, code: 'conflict', error: message, fieldErrors: { key: [message] } });
  });

  it('agents cannot manage fields, and another workspace’s fields are out of reach', async () => {
    const created = await fields.createCustomerFieldAction({ workspaceId: shop.id, label: 'City', type: 'text' });
    const id = created.ok ? created.data.id : '';
    currentUser = sessionOf(agent);
    expect(await fields.deleteCustomerFieldAction({ workspaceId: shop.id, id })).toMatchObject({ ok: false, code: 'forbidden' });
    const otherAdmin = await createUser(getDb(), 'Other Admin');
    await addMember(getDb(), otherShop.id, otherAdmin.id, 'admin');
    currentUser = sessionOf(otherAdmin);
    expect(await fields.updateCustomerFieldAction({ workspaceId: otherShop.id, id, label: 'Hacked', type: 'text' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await fields.moveCustomerFieldAction({ workspaceId: otherShop.id, id, direction: 'down' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await fields.deleteCustomerFieldAction({ workspaceId: otherShop.id, id })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await listCustomerFields(getDb(), { workspaceId: shop.id })).map((f) => f.label)).toEqual(['City']);
  });
});
