import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, notifications, reminders, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { createBoss, jobQueues, startBoss, type PgBoss } from '@/lib/jobs/boss';
import { registerJobWorkers } from '@/background/workers';
import { fireOverdueReminders, fireReminder } from '@/lib/reminders/fire';
import { cancelReminder, createReminder } from '@/lib/reminders/service';
import { getConfig } from '@/lib/config';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';
import { waitUntil } from './wait';

const HOUR = 3_600_000;
const running: PgBoss[] = [];

/** One app instance's pg-boss: its own pool, started, queues created. */
async function instance(options: { workers: boolean }) {
  const boss = createBoss(getConfig().DATABASE_URL, { max: 2 });
  running.push(boss);
  await startBoss(boss);
  if (options.workers) await registerJobWorkers(boss, { pollingIntervalSeconds: 0.5 });
  return boss;
}

async function stop(boss: PgBoss) {
  await boss.stop({ graceful: false, wait: true });
  running.splice(running.indexOf(boss), 1);
}

afterEach(async () => {
  for (const boss of running.splice(0)) await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
});

async function world(timezone = 'UTC') {
  const db = getDb();
  const ws = await createWorkspace(db, 'Reminder Shop');
  await db.update(workspaces).set({ timezone }).where(eq(workspaces.id, ws.id));
  const ana = await createUser(db, 'Ana');
  await addMember(db, ws.id, ana.id, 'agent');
  const { conversation } = await createConversation(db, ws.id);
  const ctx: ActorContext = { workspaceId: ws.id, actor: { id: ana.id, name: ana.name, email: ana.email, role: 'agent' } };
  return { ws, ana, conversation, ctx };
}

const reminderRow = async (id: string) => (await getDb().select().from(reminders).where(eq(reminders.id, id)))[0];
const conversationRow = async (id: string) => (await getDb().select().from(conversations).where(eq(conversations.id, id)))[0];
const dueNotifications = (userId: string, conversationId: string) =>
  getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.conversationId, conversationId), eq(notifications.kind, 'reminder_due')));

describe('reminders are durable jobs', () => {
  it('a reminder set before a restart fires after it: follow-up on, version + 1, the agent notified', async () => {
    const { ana, conversation, ctx } = await world();

    // The instance the agent used: it queues the job, then goes away before the due time.
    const before = await instance({ workers: false });
    // "In 1 hour", set 59m58s ago: due two seconds from now.
    const reminder = await createReminder(getDb(), ctx, { conversationId: conversation.id, preset: '1h', note: 'Call back about the refund' }, { boss: before, now: new Date(Date.now() - HOUR + 2000) });
    const job = await before.getJobById(jobQueues.reminderDue, reminder.id);
    expect(job).toMatchObject({ state: 'created', singletonKey: reminder.id });
    expect(job!.startAfter.getTime()).toBe(new Date(reminder.dueAt).getTime());
    await stop(before);

    // Nothing in any process's memory fires it meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await reminderRow(reminder.id)).status).toBe('pending');

    // The restart: a new instance with workers, knowing nothing about the reminder.
    const after = await instance({ workers: true });
    const fired = await waitUntil('the reminder to fire', async () => {
      const row = await reminderRow(reminder.id);
      return row.status === 'fired' ? row : null;
    }, 15_000);
    expect(fired.firedAt!.getTime()).toBeGreaterThanOrEqual(new Date(reminder.dueAt).getTime() - 1000);

    const c = await conversationRow(conversation.id);
    expect(c.followUp).toBe(true);
    expect(c.version).toBe(conversation.version + 1);
    const bell = await dueNotifications(ana.id, conversation.id);
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({ workspaceId: ctx.workspaceId, title: 'Reminder: Kerry', body: 'Call back about the refund', readAt: null });
    await waitUntil('the job to complete', async () => (await after.getJobById(jobQueues.reminderDue, reminder.id))?.state === 'completed');
  });

  it('a duplicate delivery fires it once', async () => {
    const { ana, conversation, ctx } = await world();
    const boss = await instance({ workers: true });
    const reminder = await createReminder(getDb(), ctx, { conversationId: conversation.id, preset: '1h' }, { boss, now: new Date(Date.now() - HOUR + 500) });
    // Sending the same reminder again while it waits is a no-op (same id / singletonKey).
    expect(await boss.send(jobQueues.reminderDue, { reminderId: reminder.id }, { singletonKey: reminder.id, startAfter: new Date(reminder.dueAt) })).toBeNull();

    await waitUntil('the reminder to fire', async () => (await reminderRow(reminder.id)).status === 'fired', 15_000);
    const version = (await conversationRow(conversation.id)).version;

    // A second job for the same reminder (a redelivery), and a direct call, change nothing.
    const duplicate = await boss.send(jobQueues.reminderDue, { reminderId: reminder.id });
    expect(duplicate).not.toBeNull();
    await waitUntil('the duplicate job to complete', async () => (await boss.getJobById(jobQueues.reminderDue, duplicate!))?.state === 'completed');
    expect(await fireReminder(getDb(), reminder.id)).toEqual({ fired: false, reminderId: reminder.id });

    expect(await dueNotifications(ana.id, conversation.id)).toHaveLength(1);
    expect((await conversationRow(conversation.id)).version).toBe(version);
  });

  it('a cancelled reminder never fires, and its job is cancelled', async () => {
    const { ana, conversation, ctx } = await world();
    const boss = await instance({ workers: true });
    const reminder = await createReminder(getDb(), ctx, { conversationId: conversation.id, preset: '1h' }, { boss, now: new Date(Date.now() - HOUR + 1000) });
    await cancelReminder(getDb(), ctx, { reminderId: reminder.id }, { boss });
    expect((await boss.getJobById(jobQueues.reminderDue, reminder.id))?.state).toBe('cancelled');

    expect(await fireReminder(getDb(), reminder.id)).toMatchObject({ fired: false });
    expect(await fireOverdueReminders(getDb(), { now: new Date(Date.now() + HOUR) })).toBe(0);
    expect((await reminderRow(reminder.id)).status).toBe('cancelled');
    expect((await conversationRow(conversation.id)).followUp).toBe(false);
    expect(await dueNotifications(ana.id, conversation.id)).toHaveLength(0);
  });

  it('the sweep fires a reminder whose job was lost', async () => {
    const { ana, conversation, ctx } = await world();
    const [lost] = await getDb()
      .insert(reminders)
      .values({ workspaceId: ctx.workspaceId, conversationId: conversation.id, userId: ana.id, dueAt: new Date(Date.now() - 5 * 60_000) })
      .returning();
    expect(await fireOverdueReminders(getDb())).toBe(1);
    expect((await reminderRow(lost.id)).status).toBe('fired');
    expect((await conversationRow(conversation.id)).followUp).toBe(true);
    expect(await dueNotifications(ana.id, conversation.id)).toHaveLength(1);
  });

  it('"tomorrow" and "next week" are 9:00 in the workspace time zone', async () => {
    const { conversation, ctx } = await world('Asia/Bangkok');
    const boss = await instance({ workers: false });
    const now = new Date('2026-11-18T17:30:00Z'); // Thursday 00:30 in Bangkok
    const tomorrow = await createReminder(getDb(), ctx, { conversationId: conversation.id, preset: 'tomorrow' }, { boss, now });
    const nextWeek = await createReminder(getDb(), ctx, { conversationId: conversation.id, preset: 'next_week' }, { boss, now });
    expect(tomorrow.dueAt).toBe('2026-11-20T02:00:00.000Z');
    expect(nextWeek.dueAt).toBe('2026-11-23T02:00:00.000Z');
  });
});
