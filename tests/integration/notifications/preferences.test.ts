import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { memberships, notifications } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { createNotifications } from '@/lib/notifications/create';
import { notificationDefaults } from '@/lib/notifications/kinds';
import { getMyPreferences, resetMyPreferences, setMyPreference } from '@/lib/notifications/preferences';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';

let shopA: Awaited<ReturnType<typeof createWorkspace>>;
let shopB: Awaited<ReturnType<typeof createWorkspace>>;
let ana: Awaited<ReturnType<typeof createUser>>;
let ben: Awaited<ReturnType<typeof createUser>>;
let conversationId: string;

const ctxOf = (workspaceId: string, user: { id: string; name: string; email: string }): ActorContext => ({
  workspaceId,
  actor: { id: user.id, name: user.name, email: user.email, role: 'agent' },
});
const rowsOf = (workspaceId: string, userId: string) =>
  getDb().select().from(notifications).where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId)));

beforeEach(async () => {
  const db = getDb();
  shopA = await createWorkspace(db, 'Shop A');
  shopB = await createWorkspace(db, 'Shop B');
  ana = await createUser(db, 'Ana');
  ben = await createUser(db, 'Ben');
  await addMember(db, shopA.id, ana.id);
  await addMember(db, shopA.id, ben.id);
  await addMember(db, shopB.id, ana.id);
  conversationId = (await createConversation(db, shopA.id)).conversation.id;
});

const send = (kind: Parameters<typeof createNotifications>[1]['kind'], userIds: string[], workspaceId = shopA.id) =>
  createNotifications(getDb(), { workspaceId, kind, userIds, conversationId: workspaceId === shopA.id ? conversationId : null, title: 'Kerry needs you', body: 'Hello?' });

describe('notification creation follows each agent’s preferences', () => {
  it('without saved preferences, the seed table’s defaults apply', async () => {
    expect(await getMyPreferences(getDb(), ctxOf(shopA.id, ana))).toEqual(notificationDefaults);
    expect(notificationDefaults.assigned_to_me).toEqual({ inApp: true, browser: true, sound: true });
    expect(notificationDefaults.reassigned_to_me).toEqual({ inApp: true, browser: true, sound: true });
    expect(notificationDefaults.assigned_to_my_team).toEqual({ inApp: true, browser: true, sound: false });
    expect(notificationDefaults.unassigned).toEqual({ inApp: false, browser: false, sound: false });

    const assigned = await send('assigned_to_me', [ana.id]);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ channel: `private-user-${ana.id}`, name: 'notification.created', data: { kind: 'assigned_to_me', browser: true, sound: true, conversationId } });
    const team = await send('assigned_to_my_team', [ana.id, ben.id]);
    expect(team.map((e) => (e.data as { sound: boolean }).sound)).toEqual([false, false]);
    expect(await send('unassigned', [ana.id])).toEqual([]); // "none"

    const rows = await rowsOf(shopA.id, ana.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['assigned_to_me', 'assigned_to_my_team']);
    expect((assigned[0].data as { id: string }).id).toBe(rows.find((r) => r.kind === 'assigned_to_me')!.id);
  });

  it('the bell off but the browser on: no bell entry, still a live event for the browser notification', async () => {
    await setMyPreference(getDb(), ctxOf(shopA.id, ana), { kind: 'new_message', inApp: false, browser: true, sound: false });
    const events = await send('new_message', [ana.id, ben.id]);
    const byUser = Object.fromEntries(events.map((e) => [e.channel, e.data as { id: string | null; browser: boolean; sound: boolean }]));
    expect(byUser[`private-user-${ana.id}`]).toMatchObject({ id: null, browser: true, sound: false });
    expect(byUser[`private-user-${ben.id}`]).toMatchObject({ browser: true, sound: true }); // Ben kept the defaults
    expect(byUser[`private-user-${ben.id}`].id).not.toBeNull();
    expect(await rowsOf(shopA.id, ana.id)).toHaveLength(0);
    expect(await rowsOf(shopA.id, ben.id)).toHaveLength(1);
  });

  it('everything off: nothing at all; a sound alone is not kept', async () => {
    const saved = await setMyPreference(getDb(), ctxOf(shopA.id, ana), { kind: 'reminder_due', inApp: false, browser: false, sound: true });
    expect(saved).toEqual({ kind: 'reminder_due', inApp: false, browser: false, sound: false });
    expect(await send('reminder_due', [ana.id])).toEqual([]);
    expect(await rowsOf(shopA.id, ana.id)).toHaveLength(0);
  });

  it('turning on a kind that is off by default works, and preferences are per workspace', async () => {
    await setMyPreference(getDb(), ctxOf(shopA.id, ana), { kind: 'unassigned', inApp: true, browser: false, sound: false });
    expect(await send('unassigned', [ana.id])).toHaveLength(1);
    expect(await send('unassigned', [ana.id], shopB.id)).toEqual([]); // still the default in Shop B
    expect((await getMyPreferences(getDb(), ctxOf(shopB.id, ana))).unassigned).toEqual(notificationDefaults.unassigned);
    expect((await getMyPreferences(getDb(), ctxOf(shopA.id, ben))).unassigned).toEqual(notificationDefaults.unassigned);

    await resetMyPreferences(getDb(), ctxOf(shopA.id, ana));
    expect(await getMyPreferences(getDb(), ctxOf(shopA.id, ana))).toEqual(notificationDefaults);
  });

  it('only active members of the workspace are notified', async () => {
    const stranger = await createUser(getDb(), 'Stranger');
    await getDb().update(memberships).set({ active: false }).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, ben.id)));
    const events = await send('customer_needs_help', [ana.id, ben.id, stranger.id]);
    expect(events.map((e) => e.channel)).toEqual([`private-user-${ana.id}`]);
    expect(await rowsOf(shopA.id, stranger.id)).toHaveLength(0);
    expect(await rowsOf(shopA.id, ben.id)).toHaveLength(0);
  });
});
