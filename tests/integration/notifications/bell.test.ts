import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { notifications } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { SessionUser } from '@/lib/auth/session';
import { createNotifications } from '@/lib/notifications/create';
import { countUnread, listMyNotifications, markAllRead, markRead } from '@/lib/notifications/list';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { listNotificationsAction, markNotificationsReadAction, markAllNotificationsReadAction, setNotificationPreferenceAction } = await import(
  '@/app/w/[slug]/notification-actions'
);

let shopA: Awaited<ReturnType<typeof createWorkspace>>;
let shopB: Awaited<ReturnType<typeof createWorkspace>>;
let ana: Awaited<ReturnType<typeof createUser>>;
let ben: Awaited<ReturnType<typeof createUser>>;

const ctxOf = (workspaceId: string, user: { id: string; name: string; email: string }): ActorContext => ({
  workspaceId,
  actor: { id: user.id, name: user.name, email: user.email, role: 'agent' },
});

let clock = Date.parse('2026-11-18T10:00:00Z');
async function give(workspaceId: string, userId: string, title: string) {
  await createNotifications(getDb(), { workspaceId, kind: 'assigned_to_me', userIds: [userId], title });
  // Distinct, increasing times, so "newest first" does not depend on how fast the inserts ran.
  clock += 1000;
  await getDb().update(notifications).set({ createdAt: new Date(clock) }).where(and(eq(notifications.userId, userId), eq(notifications.title, title)));
}

beforeEach(async () => {
  const db = getDb();
  shopA = await createWorkspace(db, 'Shop A');
  shopB = await createWorkspace(db, 'Shop B');
  ana = await createUser(db, 'Ana');
  ben = await createUser(db, 'Ben');
  await addMember(db, shopA.id, ana.id);
  await addMember(db, shopA.id, ben.id);
  await addMember(db, shopB.id, ana.id);
  currentUser = null;
  for (let i = 1; i <= 3; i++) await give(shopA.id, ana.id, `Ana ${i}`);
  await give(shopA.id, ben.id, 'Ben 1');
  await give(shopB.id, ana.id, 'Ana in B');
});

describe('the bell is per user and per workspace', () => {
  it('lists only my entries in this workspace, newest first, with my unread count and pages', async () => {
    const mine = await listMyNotifications(getDb(), ctxOf(shopA.id, ana), { limit: 2 });
    expect(mine.items.map((i) => i.title)).toEqual(['Ana 3', 'Ana 2']);
    expect(mine.unread).toBe(3);
    const rest = await listMyNotifications(getDb(), ctxOf(shopA.id, ana), { limit: 2, cursor: mine.nextCursor! });
    expect(rest.items.map((i) => i.title)).toEqual(['Ana 1']);
    expect(rest.nextCursor).toBeNull();

    expect((await listMyNotifications(getDb(), ctxOf(shopA.id, ben))).items.map((i) => i.title)).toEqual(['Ben 1']);
    expect((await listMyNotifications(getDb(), ctxOf(shopB.id, ana))).items.map((i) => i.title)).toEqual(['Ana in B']);
  });

  it('mark read touches only my own entries; someone else’s id changes nothing', async () => {
    const [benEntry] = (await listMyNotifications(getDb(), ctxOf(shopA.id, ben))).items;
    expect(await markRead(getDb(), ctxOf(shopA.id, ana), { ids: [benEntry.id] })).toEqual({ marked: 0, unread: 3 });
    expect(await countUnread(getDb(), ctxOf(shopA.id, ben))).toBe(1);

    const [newest] = (await listMyNotifications(getDb(), ctxOf(shopA.id, ana))).items;
    expect(await markRead(getDb(), ctxOf(shopA.id, ana), { ids: [newest.id] })).toEqual({ marked: 1, unread: 2 });
    const after = await listMyNotifications(getDb(), ctxOf(shopA.id, ana));
    expect(after.items.map((i) => [i.title, i.read])).toEqual([
      ['Ana 3', true],
      ['Ana 2', false],
      ['Ana 1', false],
    ]);
  });

  it('mark all read clears my bell in this workspace only', async () => {
    expect(await markAllRead(getDb(), ctxOf(shopA.id, ana))).toEqual({ marked: 3, unread: 0 });
    expect(await countUnread(getDb(), ctxOf(shopA.id, ben))).toBe(1);
    expect(await countUnread(getDb(), ctxOf(shopB.id, ana))).toBe(1);
  });

  it('through the server actions: session, membership, validation, and my own rows', async () => {
    expect(await listNotificationsAction({ workspaceId: shopA.id })).toMatchObject({ ok: false, code: 'unauthenticated' });

    currentUser = sessionOf(ben);
    expect(await listNotificationsAction({ workspaceId: shopB.id })).toMatchObject({ ok: false, code: 'forbidden' });
    const benList = await listNotificationsAction({ workspaceId: shopA.id });
    expect(benList).toMatchObject({ ok: true, data: { unread: 1, items: [{ title: 'Ben 1' }] } });
    expect(await markNotificationsReadAction({ workspaceId: shopA.id, ids: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'invalid' });

    // Ben tries to mark Ana's entries read, then everything: Ana's stay unread.
    const anaIds = (await getDb().select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, ana.id), eq(notifications.workspaceId, shopA.id)))).map((r) => r.id);
    expect(await markNotificationsReadAction({ workspaceId: shopA.id, ids: anaIds })).toMatchObject({ ok: true, data: { marked: 0 } });
    expect(await markAllNotificationsReadAction({ workspaceId: shopA.id })).toMatchObject({ ok: true, data: { marked: 1, unread: 0 } });
    expect(await countUnread(getDb(), ctxOf(shopA.id, ana))).toBe(3);

    expect(await setNotificationPreferenceAction({ workspaceId: shopA.id, kind: 'bogus', inApp: true, browser: true, sound: true })).toMatchObject({ ok: false, code: 'invalid' });
    const form = new FormData();
    form.set('workspaceId', shopA.id);
    form.set('kind', 'new_message');
    form.set('inApp', 'true');
    form.set('browser', 'false');
    form.set('sound', 'false');
    expect(await setNotificationPreferenceAction(null, form)).toEqual({ ok: true, data: { kind: 'new_message', inApp: true, browser: false, sound: false } });
  });
});
