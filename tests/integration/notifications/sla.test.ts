import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, notifications } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { createBoss, jobQueues, startBoss, type PgBoss } from '@/lib/jobs/boss';
import { registerJobWorkers } from '@/background/workers';
import { conversationsNearingSla, sendSlaWarning, slaWarningJobId } from '@/lib/notifications/sla';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';
import { waitUntil } from '../reminders/wait';

let boss: PgBoss | null = null;
afterEach(async () => {
  await boss?.stop({ graceful: false, wait: true });
  boss = null;
});

async function assignedConversation(dueInMs: number) {
  const db = getDb();
  const ws = await createWorkspace(db, 'SLA Shop');
  const ana = await createUser(db, 'Ana');
  await addMember(db, ws.id, ana.id);
  const { conversation } = await createConversation(db, ws.id);
  const [c] = await db
    .update(conversations)
    .set({ handler: 'agent', assigneeId: ana.id, slaDueAt: new Date(Date.now() + dueInMs) })
    .where(eq(conversations.id, conversation.id))
    .returning();
  return { ana, c };
}

const warningsOf = (userId: string, conversationId: string) =>
  getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.conversationId, conversationId), eq(notifications.kind, 'sla_breach_soon')));

describe('"reply time about to run out"', () => {
  it('the every-minute check warns the assignee once per target, however often it runs', async () => {
    const { ana, c } = await assignedConversation(3 * 60_000);
    const far = await assignedConversation(60 * 60_000);
    const soon = (await conversationsNearingSla(getDb())).map((j) => j.conversationId);
    expect(soon).toContain(c.id);
    expect(soon).not.toContain(far.c.id);

    boss = createBoss(getConfig().DATABASE_URL, { max: 2 });
    await startBoss(boss);
    await registerJobWorkers(boss, { pollingIntervalSeconds: 0.5 });
    const first = await boss.send(jobQueues.slaCheck, {});
    await waitUntil('the first check', async () => (await boss!.getJobById(jobQueues.slaCheck, first!))?.state === 'completed');
    const second = await boss.send(jobQueues.slaCheck, {});
    await waitUntil('the second check', async () => (await boss!.getJobById(jobQueues.slaCheck, second!))?.state === 'completed');
    const job = { conversationId: c.id, slaDueAt: c.slaDueAt!.toISOString() };
    await waitUntil('the warning job', async () => (await boss!.getJobById(jobQueues.slaWarning, slaWarningJobId(job)))?.state === 'completed');

    const warnings = await warningsOf(ana.id, c.id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].title).toMatch(/^Reply to Kerry within [23] min$/);
    expect(await warningsOf(far.ana.id, far.c.id)).toHaveLength(0);
  });

  it('no warning once the target moved (the agent replied) or the conversation closed', async () => {
    const { ana, c } = await assignedConversation(2 * 60_000);
    const job = { conversationId: c.id, slaDueAt: c.slaDueAt!.toISOString() };
    await getDb().update(conversations).set({ slaDueAt: null }).where(eq(conversations.id, c.id));
    expect(await sendSlaWarning(getDb(), job)).toBe(0);
    expect(await warningsOf(ana.id, c.id)).toHaveLength(0);
  });
});
