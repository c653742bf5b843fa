import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, messageShortcuts, textBlocks } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { listShortcuts, listTextBlocks } from '@/lib/settings/inbox-config';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const shortcuts = await import('@/app/w/[slug]/settings/shortcuts/actions');
const blocks = await import('@/app/w/[slug]/settings/text-blocks/actions');

type User = Awaited<ReturnType<typeof createUser>>;
let shop: { id: string };
let otherShop: { id: string };
let admin: User;
let agent: User;
let otherAdmin: User;

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Settings Shop');
  otherShop = await createWorkspace(db, 'Other Shop');
  admin = await createUser(db, 'Admin');
  agent = await createUser(db, 'Agent');
  otherAdmin = await createUser(db, 'Other Admin');
  await addMember(db, shop.id, admin.id, 'admin');
  await addMember(db, shop.id, agent.id, 'agent');
  await addMember(db, otherShop.id, otherAdmin.id, 'admin');
  currentUser = sessionOf(admin);
});

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe('message shortcuts', () => {
  it('an admin creates, lists, edits and deletes shortcuts (from the form, with or without the slash)', async () => {
    const created = await shortcuts.createShortcutAction(null, form({ workspaceId: shop.id, shortcut: '/Thanks', text: 'Thank you, {{customer.first_name}}!' }));
    expect(created).toMatchObject({ ok: true, data: { shortcut: 'thanks', text: 'Thank you, {{customer.first_name}}!' } });
    await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'shipping', text: 'We ship in 1–2 days.' });
    expect((await listShortcuts(getDb(), { workspaceId: shop.id })).map((s) => s.shortcut)).toEqual(['shipping', 'thanks']);

    const id = created.ok ? created.data.id : '';
    const updated = await shortcuts.updateShortcutAction({ workspaceId: shop.id, id, shortcut: 'thank-you', text: 'Thanks {{ agent.name }} here' });
    expect(updated).toMatchObject({ ok: true, data: { shortcut: 'thank-you', text: 'Thanks {{ agent.name }} here' } });

    expect(await shortcuts.deleteShortcutAction({ workspaceId: shop.id, id })).toMatchObject({ ok: true });
    expect((await listShortcuts(getDb(), { workspaceId: shop.id })).map((s) => s.shortcut)).toEqual(['shipping']);
    expect(await shortcuts.deleteShortcutAction({ workspaceId: shop.id, id })).toEqual({ ok: false, code: 'not_found', error: 'This shortcut no longer exists. Reload the page.', fieldErrors: undefined });

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['shortcut.created', 'shortcut.created', 'shortcut.deleted', 'shortcut.updated']);
  });

  it('refuses a duplicate name, in any case, with a clear message on the field', async () => {
    await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'thanks', text: 'One' });
    const message = 'There is already a shortcut /thanks. Choose another name or edit that one.';
    expect(await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: '/THANKS', text: 'Two' })).toEqual({
      ok: false,
      code: 'conflict',
      error: message,
      fieldErrors: { shortcut: [message] },
    });
    // Renaming another shortcut onto it is refused the same way.
    const other = await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'bye', text: 'Bye' });
    const renamed = await shortcuts.updateShortcutAction({ workspaceId: shop.id, id: other.ok ? other.data.id : '', shortcut: 'Thanks', text: 'Bye' });
    expect(renamed).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { shortcut: [message] } });
    // Another workspace may use the same name.
    currentUser = sessionOf(otherAdmin);
    expect(await shortcuts.createShortcutAction({ workspaceId: otherShop.id, shortcut: 'thanks', text: 'Ours' })).toMatchObject({ ok: true });
  });

  it('validates the name, the 1,000-character text and its variables', async () => {
    const bad = async (shortcut: string, text: string) => {
      const result = await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut, text });
      expect(result.ok).toBe(false);
      return result.ok ? {} : result.fieldErrors;
    };
    expect(await bad('/', 'x')).toEqual({ shortcut: ['Enter the shortcut, e.g. /thanks'] });
    expect(await bad('free shipping', 'x')).toEqual({ shortcut: ['Use letters, numbers, - and _ only (no spaces)'] });
    expect(await bad('ok', '')).toEqual({ text: ['Write the message text'] });
    expect(await bad('ok', 'x'.repeat(1001))).toEqual({ text: ['Keep the text under 1,000 characters'] });
    expect(await bad('ok', 'Hi {{customer.nickname}}')).toEqual({
      text: ['{{customer.nickname}} is not a variable. Use {{customer.name}}, {{customer.first_name}}, {{agent.name}}, {{shop.name}}.'],
    });
    expect(await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'ok', text: 'x'.repeat(1000) })).toMatchObject({ ok: true });
    expect(await getDb().select().from(messageShortcuts).where(eq(messageShortcuts.workspaceId, shop.id))).toHaveLength(1);
  });

  it('agents and other workspaces’ admins cannot manage shortcuts', async () => {
    const created = await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'thanks', text: 'One' });
    const id = created.ok ? created.data.id : '';
    currentUser = sessionOf(agent);
    const adminsOnly = { ok: false, code: 'forbidden', error: 'Only workspace admins can do this.' };
    expect(await shortcuts.createShortcutAction({ workspaceId: shop.id, shortcut: 'x', text: 'x' })).toEqual(adminsOnly);
    expect(await shortcuts.updateShortcutAction({ workspaceId: shop.id, id, shortcut: 'x', text: 'x' })).toEqual(adminsOnly);
    expect(await shortcuts.deleteShortcutAction({ workspaceId: shop.id, id })).toEqual(adminsOnly);

    currentUser = sessionOf(otherAdmin);
    expect(await shortcuts.deleteShortcutAction({ workspaceId: shop.id, id })).toMatchObject({ ok: false, code: 'forbidden' });
    // Through their own workspace, another workspace's rows do not exist.
    expect(await shortcuts.updateShortcutAction({ workspaceId: otherShop.id, id, shortcut: 'x', text: 'x' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await shortcuts.deleteShortcutAction({ workspaceId: otherShop.id, id })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await listShortcuts(getDb(), { workspaceId: shop.id })).map((s) => [s.shortcut, s.text])).toEqual([['thanks', 'One']]);
  });
});

describe('text blocks', () => {
  it('an admin creates (General by default), edits, lists by category and deletes text blocks', async () => {
    const shipping = await blocks.createTextBlockAction(null, form({ workspaceId: shop.id, title: 'Delivery times', category: ' Shipping ', body: '1–2 days in Bangkok.' }));
    expect(shipping).toMatchObject({ ok: true, data: { title: 'Delivery times', category: 'Shipping' } });
    const general = await blocks.createTextBlockAction({ workspaceId: shop.id, title: 'Opening hours', category: '', body: 'Every day 9–21.' });
    expect(general).toMatchObject({ ok: true, data: { category: 'General' } });
    await blocks.createTextBlockAction({ workspaceId: shop.id, title: 'Refunds', category: 'Returns', body: 'Within 14 days, {{customer.first_name}}.' });
    expect((await listTextBlocks(getDb(), { workspaceId: shop.id })).map((b) => [b.category, b.title])).toEqual([
      ['General', 'Opening hours'],
      ['Returns', 'Refunds'],
      ['Shipping', 'Delivery times'],
    ]);

    const id = shipping.ok ? shipping.data.id : '';
    expect(await blocks.updateTextBlockAction({ workspaceId: shop.id, id, title: 'Delivery', category: 'Shipping', body: 'Next day.' })).toMatchObject({
      ok: true,
      data: { title: 'Delivery', body: 'Next day.' },
    });
    expect(await blocks.deleteTextBlockAction({ workspaceId: shop.id, id })).toMatchObject({ ok: true });
    expect(await getDb().select().from(textBlocks).where(eq(textBlocks.workspaceId, shop.id))).toHaveLength(2);
  });

  it('validates title, body and variables, and is admin-only', async () => {
    expect(await blocks.createTextBlockAction({ workspaceId: shop.id, title: '', category: 'x', body: '' })).toMatchObject({
      ok: false,
      fieldErrors: { title: ['Enter a title'], body: ['Write the text'] },
    });
    expect(await blocks.createTextBlockAction({ workspaceId: shop.id, title: 'x', body: 'Hi {{name}}' })).toMatchObject({
      ok: false,
      fieldErrors: { body: [expect.stringContaining('{{name}} is not a variable')] },
    });
    currentUser = sessionOf(agent);
    expect(await blocks.createTextBlockAction({ workspaceId: shop.id, title: 'x', body: 'y' })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
