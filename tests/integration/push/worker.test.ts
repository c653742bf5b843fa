import webpush from 'web-push';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerJobWorkers } from '@/background/workers';
import { resetConfigForTests, getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { createBoss, startBoss, stopBoss, type PgBoss } from '@/lib/jobs/boss';
import { notify } from '@/lib/notifications/create';
import { listMyPushDevices, savePushSubscription } from '@/lib/push/subscriptions';
import { startFakePushService, type FakePushService } from '../support/fake-push-service';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';
import { waitUntil } from '../reminders/wait';

// The durable path as the app runs it: notify() queues the push, an instance's pg-boss
// worker (background/workers.ts) sends it, and a failing push service is retried.

let push: FakePushService;
let boss: PgBoss;

beforeAll(async () => {
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  resetConfigForTests();
  push = await startFakePushService();
  boss = createBoss(getConfig().DATABASE_URL, { max: 2 });
  await startBoss(boss);
  await registerJobWorkers(boss, { pollingIntervalSeconds: 0.5, push: { agent: push.agent } });
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await stopBoss({ graceful: false });
  await push.close();
});

it('a push the service refuses once (503) is retried by the job and arrives; the device records its last use', async () => {
  const db = getDb();
  const workspace = await createWorkspace(db, 'Worker Shop');
  const ana = await createUser(db, 'Ana');
  await addMember(db, workspace.id, ana.id, 'agent');
  const ctx = { workspaceId: workspace.id, actor: { id: ana.id, name: 'Ana', email: ana.email, role: 'agent' as const } };
  const { conversation } = await createConversation(db, workspace.id);
  const device = push.device('worker-phone');
  await savePushSubscription(db, ctx, { endpoint: device.endpoint, keys: device.keys }, null);
  push.answer('worker-phone', 503, 1);

  await notify(db, { workspaceId: workspace.id, kind: 'assigned_to_me', userIds: [ana.id], conversationId: conversation.id, title: 'Ben assigned Kerry to you', body: 'Hello?' });
  const [received] = await waitUntil('the retried push', async () => (push.received.length ? push.received : null), 25_000);
  expect(received!.payload).toEqual({ title: 'Ben assigned Kerry to you', body: 'Hello?', url: `/w/${workspace.slug}/inbox?c=${conversation.id}`, tag: conversation.id });
  expect(received!.headers.urgency).toBe('high');
  // Recorded once the service's answer is back in the job, a moment after the push arrived.
  const lastUsed = await waitUntil('the device’s last use to be recorded', async () => (await listMyPushDevices(db, ana.id))[0]?.lastUsedAt ?? null, 5_000);
  expect(Date.parse(lastUsed!)).toBeGreaterThan(Date.now() - 60_000);
}, 30_000);
