import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { reminders } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { SessionUser } from '@/lib/auth/session';
import { UserError } from '@/lib/errors';
import { stopBoss } from '@/lib/jobs/boss';
import { cancelReminder, createReminder, listMyReminders } from '@/lib/reminders/service';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// The session comes from Auth.js's cookies inside Next; here it is given directly.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { createReminderAction, listRemindersAction, cancelReminderAction } = await import('@/app/w/[slug]/inbox/reminder-actions');

afterAll(() => stopBoss()); // the actions queue their jobs on the process's own pg-boss

const ctxOf = (workspaceId: string, user: { id: string; name: string; email: string }, role: 'admin' | 'agent' = 'agent'): ActorContext => ({
  workspaceId,
  actor: { id: user.id, name: user.name, email: user.email, role },
});

async function world() {
  const db = getDb();
  const shopA = await createWorkspace(db, 'Shop A');
  const shopB = await createWorkspace(db, 'Shop B');
  const ana = await createUser(db, 'Ana');
  const ben = await createUser(db, 'Ben');
  const boss = await createUser(db, 'Boss');
  await addMember(db, shopA.id, ana.id, 'agent');
  await addMember(db, shopA.id, ben.id, 'agent');
  await addMember(db, shopA.id, boss.id, 'admin');
  await addMember(db, shopB.id, ana.id, 'agent'); // Ana works for both shops
  const { conversation: convA } = await createConversation(db, shopA.id);
  const { conversation: convB } = await createConversation(db, shopB.id);
  return { shopA, shopB, ana, ben, boss, convA, convB };
}

let w: Awaited<ReturnType<typeof world>>;
beforeEach(async () => {
  w = await world();
  currentUser = null;
});

describe('reminders belong to the agent who set them, in one workspace', () => {
  it('only the owner lists and cancels a reminder; another agent or an admin cannot', async () => {
    const mine = await createReminder(getDb(), ctxOf(w.shopA.id, w.ana), { conversationId: w.convA.id, preset: '2h', note: 'Check stock' });
    await createReminder(getDb(), ctxOf(w.shopA.id, w.ben), { conversationId: w.convA.id, preset: '1h' });

    const anaList = await listMyReminders(getDb(), ctxOf(w.shopA.id, w.ana), { conversationId: w.convA.id });
    expect(anaList.map((r) => r.id)).toEqual([mine.id]);
    expect(anaList[0]).toMatchObject({ note: 'Check stock', status: 'pending' });
    const benList = await listMyReminders(getDb(), ctxOf(w.shopA.id, w.ben), { conversationId: w.convA.id });
    expect(benList.map((r) => r.id)).not.toContain(mine.id);

    for (const other of [ctxOf(w.shopA.id, w.ben), ctxOf(w.shopA.id, w.boss, 'admin')]) {
      await expect(cancelReminder(getDb(), other, { reminderId: mine.id })).rejects.toThrow('This reminder does not exist or has already gone off.');
    }
    expect((await getDb().select().from(reminders).where(eq(reminders.id, mine.id)))[0].status).toBe('pending');

    await cancelReminder(getDb(), ctxOf(w.shopA.id, w.ana), { reminderId: mine.id });
    expect(await listMyReminders(getDb(), ctxOf(w.shopA.id, w.ana), { conversationId: w.convA.id })).toEqual([]);
    // Cancelling twice: it is gone.
    await expect(cancelReminder(getDb(), ctxOf(w.shopA.id, w.ana), { reminderId: mine.id })).rejects.toBeInstanceOf(UserError);
  });

  it('the same agent in another workspace neither sees nor cancels it, nor sets one on its conversations', async () => {
    const mine = await createReminder(getDb(), ctxOf(w.shopA.id, w.ana), { conversationId: w.convA.id, preset: '1h' });
    const inB = ctxOf(w.shopB.id, w.ana);
    expect(await listMyReminders(getDb(), inB, { conversationId: w.convA.id })).toEqual([]);
    await expect(cancelReminder(getDb(), inB, { reminderId: mine.id })).rejects.toThrow(UserError);
    await expect(createReminder(getDb(), inB, { conversationId: w.convA.id, preset: '1h' })).rejects.toThrow('This conversation does not exist.');
    await expect(createReminder(getDb(), ctxOf(w.shopA.id, w.ben), { conversationId: w.convB.id, preset: '1h' })).rejects.toThrow('This conversation does not exist.');
  });

  it('the server actions check the session and membership, validate input and keep reminders per user', async () => {
    const input = { workspaceId: w.shopA.id, conversationId: w.convA.id, preset: 'custom', at: new Date(Date.now() + 3 * 3_600_000).toISOString(), note: 'Ask for photos' };
    expect(await createReminderAction(input)).toMatchObject({ ok: false, code: 'unauthenticated' });

    currentUser = sessionOf(w.ben);
    expect(await createReminderAction({ ...input, workspaceId: w.shopB.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await createReminderAction({ ...input, preset: 'someday' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await createReminderAction({ ...input, at: new Date(Date.now() - 60_000).toISOString() })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: 'Choose a time at least a minute from now.',
    });

    currentUser = sessionOf(w.ana);
    const form = new FormData();
    for (const [k, v] of Object.entries(input)) form.set(k, v);
    const created = await createReminderAction(null, form);
    expect(created).toMatchObject({ ok: true, data: { conversationId: w.convA.id, note: 'Ask for photos', status: 'pending' } });
    if (!created.ok) throw new Error('unreachable');
    expect(new Date(created.data.dueAt).toISOString()).toBe(input.at);
    expect(await listRemindersAction({ workspaceId: w.shopA.id, conversationId: w.convA.id })).toMatchObject({ ok: true, data: [{ id: created.data.id }] });

    currentUser = sessionOf(w.ben);
    expect(await listRemindersAction({ workspaceId: w.shopA.id, conversationId: w.convA.id })).toEqual({ ok: true, data: [] });
    expect(await cancelReminderAction({ workspaceId: w.shopA.id, reminderId: created.data.id })).toMatchObject({ ok: false, code: 'not_found' });

    currentUser = sessionOf(w.ana);
    expect(await cancelReminderAction({ workspaceId: w.shopA.id, reminderId: created.data.id })).toMatchObject({ ok: true, data: { status: 'cancelled' } });
  });
});
