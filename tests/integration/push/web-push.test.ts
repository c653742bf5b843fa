import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushSubscriptions } from '@/db/schema';
import { runWorkspaceAction, type ActorContext } from '@/lib/auth/action-core';
import { resetConfigForTests } from '@/lib/config';
import { getDb } from '@/lib/db';
import { getBoss, jobQueues, stopBoss } from '@/lib/jobs/boss';
import { notify } from '@/lib/notifications/create';
import { notificationKindList, type NotificationKindName } from '@/lib/notifications/kinds';
import { setMyPreference } from '@/lib/notifications/preferences';
import type { PushJob } from '@/lib/push/payload';
import { sendPushToDevice } from '@/lib/push/send';
import { listMyPushDevices, removeMyPushDevice, removePushSubscriptionInput, reportVisibility, savePushSubscription, savePushSubscriptionInput } from '@/lib/push/subscriptions';
import { startFakePushService, type FakePushService } from '../support/fake-push-service';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// Web Push end to end on this machine: a notification is created the way the app creates
// it (notify), its push job is taken from the durable queue and sent by the job's own
// function to a local push service, which checks the VAPID token and decrypts the body.

const vapid = webpush.generateVAPIDKeys();
let push: FakePushService;

beforeAll(async () => {
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  process.env.VAPID_SUBJECT = 'mailto:ops@shop.example';
  resetConfigForTests();
  push = await startFakePushService();
});
afterAll(async () => {
  await stopBoss({ graceful: false });
  await push.close();
});

let agent: ActorContext;
let agentUser: Awaited<ReturnType<typeof createUser>>;
let slug: string;
let conversationId: string;
let deviceName: string;
let n = 0;

beforeEach(async () => {
  const db = getDb();
  const workspace = await createWorkspace(db, 'Push Shop');
  slug = workspace.slug;
  agentUser = await createUser(db, 'Ana');
  await addMember(db, workspace.id, agentUser.id, 'agent');
  agent = { workspaceId: workspace.id, actor: { id: agentUser.id, name: 'Ana', email: agentUser.email, role: 'agent' } };
  conversationId = (await createConversation(db, workspace.id)).conversation.id;
  deviceName = `phone-${++n}`;
  const device = push.device(deviceName);
  await savePushSubscription(db, agent, { endpoint: device.endpoint, keys: device.keys }, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36');
  push.received.length = 0;
});

/** What a worker does: takes the queued push jobs and runs each (here for this test's agent only). */
async function runQueuedPushes(): Promise<{ jobs: PushJob[]; errors: unknown[]; failedJobs: PushJob[] }> {
  const boss = await getBoss();
  const fetched = await boss.fetch<PushJob>(jobQueues.pushSend, { batchSize: 100 });
  const jobs: PushJob[] = [];
  const errors: unknown[] = [];
  const failedJobs: PushJob[] = [];
  for (const job of fetched) {
    if (job.data.userId !== agent.actor.id) continue;
    jobs.push(job.data);
    try {
      await sendPushToDevice(getDb(), job.data, { agent: push.agent });
      await boss.complete(jobQueues.pushSend, job.id);
    } catch (error) {
      errors.push(error);
      failedJobs.push(job.data);
      await boss.fail(jobQueues.pushSend, job.id);
    }
  }
  return { jobs, errors, failedJobs };
}

const tell = (kind: NotificationKindName, title = `About ${kind}`) =>
  notify(getDb(), { workspaceId: agent.workspaceId, kind, userIds: [agent.actor.id], conversationId, title, body: 'Kerry: is the blue one in stock?' });

// The seed's table (Scenarios · App Closed): assigned to an agent and re-assigned, yes;
// assigned to a group and unassigned appear only with the app open, so no. The kinds the
// table does not list push when they are about this agent's own work.
const pushedWhenClosed: Record<NotificationKindName, boolean> = {
  assigned_to_me: true,
  reassigned_to_me: true,
  assigned_to_my_team: false,
  unassigned: false,
  new_message: true,
  reminder_due: true,
  customer_needs_help: false,
  sla_breach_soon: true,
  sla_breached: true,
};

describe('Web Push from notifications', () => {
  it('pushes each kind the App Closed column says yes for, and none where it says no, signed and encrypted', async () => {
    for (const kind of notificationKindList) await tell(kind);
    const { jobs, errors } = await runQueuedPushes();
    expect(errors).toEqual([]);
    const pushedKinds = jobs.map((j) => j.kind).sort();
    expect(pushedKinds).toEqual(notificationKindList.filter((k) => pushedWhenClosed[k]).sort());

    expect(push.received.map((r) => (r.payload as { title: string }).title).sort()).toEqual(pushedKinds.map((k) => `About ${k}`).sort());
    for (const r of push.received) {
      expect(r.path).toBe(`/push/${deviceName}`);
      expect(r.payload).toEqual({
        title: expect.stringMatching(/^About /),
        body: 'Kerry: is the blue one in stock?',
        url: `/w/${slug}/inbox?c=${conversationId}`,
        tag: conversationId,
      });
      expect(r.headers.contentEncoding).toBe('aes128gcm');
      expect(r.headers.ttl).toBe('3600');
      expect(r.vapid).toMatchObject({ signatureOk: true, audience: push.origin, alg: 'ES256', key: vapid.publicKey, subject: 'mailto:ops@shop.example' });
      expect(r.vapid.expiresIn).toBeGreaterThan(0);
      expect(r.vapid.expiresIn).toBeLessThanOrEqual(24 * 3600);
    }
    const urgency = Object.fromEntries(push.received.map((r) => [(r.payload as { title: string }).title, r.headers.urgency]));
    expect(urgency['About assigned_to_me']).toBe('high');
    expect(urgency['About new_message']).toBe('normal');

    const [device] = await listMyPushDevices(getDb(), agent.actor.id);
    expect(device!.label).toBe('Chrome on Android');
    expect(device!.lastUsedAt).not.toBeNull();
  });

  it('an agent who turns a kind’s browser notification off gets no push for it', async () => {
    await setMyPreference(getDb(), agent, { kind: 'assigned_to_me', inApp: true, browser: false, sound: false });
    await tell('assigned_to_me');
    await tell('reassigned_to_me');
    const { jobs } = await runQueuedPushes();
    expect(jobs.map((j) => j.kind)).toEqual(['reassigned_to_me']);
    expect(push.received.map((r) => (r.payload as { title: string }).title)).toEqual(['About reassigned_to_me']);
  });

  it('a device with a visible Baton tab gets no push; once hidden it does', async () => {
    const endpoint = `${push.origin}/push/${deviceName}`;
    await reportVisibility(getDb(), agent, { endpoint, visible: true });
    await tell('assigned_to_me');
    expect((await runQueuedPushes()).jobs).toEqual([]);
    // Queued before the tab showed up: the send itself skips the visible device too.
    const [device] = await listMyPushDevices(getDb(), agent.actor.id);
    const job: PushJob = { userId: agent.actor.id, deviceId: device!.id, workspaceId: agent.workspaceId, kind: 'assigned_to_me', conversationId, title: 'Late', body: null };
    expect(await sendPushToDevice(getDb(), job, { agent: push.agent })).toBe('skipped_visible');

    await reportVisibility(getDb(), agent, { endpoint, visible: false });
    await tell('assigned_to_me', 'After hiding');
    await runQueuedPushes();
    expect(push.received.map((r) => (r.payload as { title: string }).title)).toEqual(['After hiding']);
  });

  it('a 410 from the push service removes the subscription; a 500 keeps it and fails the job for a retry', async () => {
    push.answer(deviceName, 500);
    await tell('assigned_to_me');
    const failed = await runQueuedPushes();
    expect(failed.errors).toHaveLength(1);
    expect(await listMyPushDevices(getDb(), agent.actor.id)).toHaveLength(1);

    push.answer(deviceName, 410);
    await tell('assigned_to_me');
    const gone = await runQueuedPushes();
    expect(gone.errors).toEqual([]);
    expect(await listMyPushDevices(getDb(), agent.actor.id)).toEqual([]);
    expect(push.received).toEqual([]);
  });

  it('a device that failed is retried alone: the device that got the push does not get it twice', async () => {
    const tablet = push.device(`tablet-${n}`);
    await savePushSubscription(getDb(), agent, { endpoint: tablet.endpoint, keys: tablet.keys }, 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1');
    push.answer(`tablet-${n}`, 500);
    await tell('assigned_to_me', 'Once each');
    const first = await runQueuedPushes();
    expect(first.jobs).toHaveLength(2);
    expect(first.errors).toHaveLength(1);
    expect(push.received.map((r) => r.path)).toEqual([`/push/${deviceName}`]);

    // The queue's retry runs the failed job's data again once its backoff passes; by then
    // the tablet's push service answers.
    push.answer(`tablet-${n}`, 201);
    expect(first.failedJobs).toHaveLength(1);
    expect(await sendPushToDevice(getDb(), first.failedJobs[0]!, { agent: push.agent })).toBe('sent');
    expect(push.received.map((r) => r.path).sort()).toEqual([`/push/${deviceName}`, `/push/tablet-${n}`].sort());
  });

  it('the queue retries a failed push with a backoff', async () => {
    const boss = await getBoss();
    const queue = await boss.getQueue(jobQueues.pushSend);
    expect(queue).toMatchObject({ retryLimit: 6, retryBackoff: true });
  });
});

describe('the device actions', () => {
  const definition = <S extends typeof savePushSubscriptionInput | typeof removePushSubscriptionInput>(input: S) => ({ input, role: 'agent' as const });

  it('saves this browser’s subscription only with a session and an https endpoint', async () => {
    const device = push.device(`action-${n}`);
    const save = (user: ReturnType<typeof sessionOf> | null, endpoint: string) =>
      runWorkspaceAction(user, { workspaceId: agent.workspaceId, endpoint, keys: device.keys }, definition(savePushSubscriptionInput), (input, ctx) =>
        savePushSubscription(getDb(), ctx, input, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
      );
    expect(await save(null, device.endpoint)).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await save(sessionOf(agentUser), 'http://127.0.0.1:9/push/x')).toMatchObject({ ok: false, code: 'invalid', error: 'A push endpoint must be an https:// address.' });
    expect(await save(sessionOf(agentUser), device.endpoint)).toMatchObject({ ok: true });
    expect((await listMyPushDevices(getDb(), agent.actor.id)).map((d) => d.label).sort()).toEqual(['Chrome on Android', 'Safari on iOS']);
  });

  it('an agent removes only their own devices', async () => {
    const other = await createUser(getDb(), 'Ben');
    await addMember(getDb(), agent.workspaceId, other.id, 'agent');
    const [mine] = await listMyPushDevices(getDb(), agent.actor.id);
    const remove = (user: typeof agentUser) =>
      runWorkspaceAction(sessionOf(user), { workspaceId: agent.workspaceId, id: mine!.id }, definition(removePushSubscriptionInput), (input, ctx) =>
        removeMyPushDevice(getDb(), ctx, input),
      );
    expect(await remove(other)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await getDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.id, mine!.id))).toHaveLength(1);
    expect(await remove(agentUser)).toMatchObject({ ok: true });
    expect(await listMyPushDevices(getDb(), agent.actor.id)).toEqual([]);
  });
});
