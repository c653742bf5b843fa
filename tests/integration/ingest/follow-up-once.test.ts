import { and, eq, inArray, sql } from 'drizzle-orm';
import type PusherClient from 'pusher-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, inboundEvents, memberships, messages, notifications, pushSubscriptions, teamMembers, teams, workspaces } from '@/db/schema';
import { jobQueues, JOBS_SCHEMA, stopBoss } from '@/lib/jobs/boss';
import type { ActorContext } from '@/lib/auth/action-core';
import { whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { processBatchable } from '@/lib/ingest/batch';
import { claimInboundEvents, processClaimedEvent, processInboundEvent, releaseLapsedLeases, type ClaimedEvent } from '@/lib/ingest/process';
import { receiveWebhook } from '@/lib/ingest/receive';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { presenceOnlineUsers } from '@/lib/routing/presence';
import { saveRoutingRule } from '@/lib/routing/rules-admin';
import { createUser } from '../support/fixtures';
import { createChannelWorld, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { statusLines } from '../routing/world';

// What follows a customer's stored message (routing, notifications) happens exactly once
// whichever way the worker stops: dying after the store and before the follow-up (the
// retried delivery finds the message stored and runs it), or after the follow-up and before
// the delivery is marked processed (the retry finds nothing left to do). Both on the
// one-at-a-time path and the batch path, counted in the rows agents see.

let fakes: FakePlatforms;
let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
  realtime = await startTestRealtime();
});
afterAll(async () => {
  await stopBoss();
  await realtime?.close();
  await fakes?.close();
});
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

let clock = Date.now() - 600_000;
const hook = (waId: string, text: string, id: string) =>
  whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId, name: `Customer ${waId.slice(-3)}`, text, id, timestamp: new Date((clock += 1000)) }, world.whatsapp.secrets.appSecret);

async function store(h: { body: string; headers: Record<string, string> }): Promise<string> {
  const result = await receiveWebhook(getDb(), { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(h.body), headers: new Headers(h.headers) });
  expect(result.status).toBe(200);
  return result.storedEventId!;
}

async function member(name: string): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await getDb().insert(memberships).values({ workspaceId: world.workspace.id, userId: user.id, role: 'agent', capacity: 5, availability: 'online' });
  return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role: 'agent' } };
}

/** A browser tab of this agent: a real pusher-js client in the workspace's presence channel. */
async function goOnline(ctx: ActorContext): Promise<PusherClient> {
  const client = realtime.connect(async (socketId, channelName) => {
    const result = await authorizeMemberChannel(getDb(), { id: ctx.actor.id, name: ctx.actor.name }, { socketId, channelName });
    return result.ok ? result.body : { error: result.error };
  });
  await nextEvent(client.subscribe(realtimeChannels.workspacePresence(ctx.workspaceId)), 'pusher:subscription_succeeded');
  await waitFor(`${ctx.actor.name} in presence`, async () => (await presenceOnlineUsers(ctx.workspaceId)).has(ctx.actor.id));
  return client;
}

/** The worker stops after the store, before the follow-up: its transaction fails at its first notification row. */
async function dyingBeforeTheFollowUp<T>(work: () => Promise<T>): Promise<T> {
  await getDb().execute(sql`
    create or replace function test_no_follow_up() returns trigger language plpgsql as $$
    begin raise exception 'the worker died here'; end $$`);
  await getDb().execute(sql`create trigger test_no_follow_up before insert on notifications for each row execute function test_no_follow_up()`);
  try {
    return await work();
  } finally {
    await getDb().execute(sql`drop trigger if exists test_no_follow_up on notifications`);
  }
}

/** The worker stops after everything ran, before its deliveries were marked processed: their leases lapse. */
const neverMarked = async () => {};
let later = Date.now();
async function leasesLapse() {
  later += 3_600_000;
  await releaseLapsedLeases(getDb(), new Date(later));
}

/** What the worker does with a claim: the batch first, the rest one at a time. */
async function work(claimed: ClaimedEvent[], markProcessed?: (id: string) => Promise<void>) {
  const batched = await processBatchable(getDb(), claimed, markProcessed ?? markOne);
  return Promise.all(claimed.map((e) => batched.get(e.id) ?? processClaimedEvent(getDb(), e, markProcessed ?? markOne)));
}
const markOne = async (id: string) => {
  await getDb().update(inboundEvents).set({ status: 'processed', processedAt: new Date(), nextAttemptAt: null, error: null }).where(eq(inboundEvents.id, id));
};

/** The retries, once due (after a failure's backoff or a lapsed lease). */
async function retryDue(markProcessed?: (id: string) => Promise<void>) {
  later += 3_600_000;
  const claimed = await claimInboundEvents(getDb(), 50, { retries: true, now: new Date(later) });
  return work(claimed, markProcessed);
}

async function statusOf(ids: string[]) {
  const rows = await getDb().select({ id: inboundEvents.id, status: inboundEvents.status }).from(inboundEvents).where(inArray(inboundEvents.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
}

async function bell(conversationId: string) {
  const rows = await getDb().select().from(notifications).where(eq(notifications.conversationId, conversationId));
  return rows.map((r) => `${r.kind} → ${r.userId}`).sort();
}

async function conversationOf(externalMessageId: string) {
  const [row] = await getDb()
    .select({ conversation: conversations, followUp: messages.followUp })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.channelId, world.whatsapp.channel.id), eq(messages.externalId, externalMessageId)));
  return row;
}

describe('one customer message at a time', () => {
  it('a new request: its routing rule and "needs help" run once, after a crash before the follow-up and one before the delivery was marked', async () => {
    const ana = await member('Ana');
    const boss = await member('Boss');
    await getDb().update(memberships).set({ role: 'admin' }).where(eq(memberships.userId, boss.actor.id));
    const admin: ActorContext = { ...boss, actor: { ...boss.actor, role: 'admin' } };
    const [sales] = await getDb().insert(teams).values({ workspaceId: world.workspace.id, name: 'Sales' }).returning();
    await getDb().insert(teamMembers).values({ teamId: sales.id, userId: ana.actor.id, workspaceId: world.workspace.id });
    await saveRoutingRule(getDb(), admin, {
      name: 'Everyone to Sales',
      enabled: true,
      channelKinds: [],
      teamIds: [],
      tags: [],
      customFieldKey: '',
      customFieldValue: '',
      priorities: [],
      businessHours: 'any',
      languages: [],
      actionKind: 'team',
      actionTeamId: sales.id,
      actionAgentId: null,
    });

    // 1. The store commits; the worker dies before routing and notifications.
    const first = await store(hook('66810000001', 'I need a person', 'wamid.once.new'));
    expect(await dyingBeforeTheFollowUp(() => processInboundEvent(getDb(), first))).toBe('failed');
    const stopped = await conversationOf('wamid.once.new');
    expect(stopped.followUp).toBe('new_request');
    expect(stopped.conversation).toMatchObject({ handler: 'queue', teamId: null });
    expect(await statusLines(stopped.conversation.id)).toEqual(['New request']);
    expect(await bell(stopped.conversation.id)).toEqual([]);

    // 2. The retry runs the follow-up; the worker dies again before marking the delivery processed.
    await retryDue(neverMarked);
    expect(await statusOf([first])).toEqual(['processing']);
    const routed = await conversationOf('wamid.once.new');
    expect(routed.followUp).toBeNull();
    expect(routed.conversation.teamId).toBe(sales.id);

    // 3. The next retry (the lease lapsed), and the platform delivering the message again: nothing more.
    await leasesLapse();
    await retryDue();
    expect(await processInboundEvent(getDb(), await store(hook('66810000001', 'I need a person', 'wamid.once.new')))).toBe('processed');
    expect(await statusOf([first])).toEqual(['processed']);
    expect(await statusLines(routed.conversation.id)).toEqual(['New request', 'Routed to Sales by rule “Everyone to Sales”']);
    // Ana is Sales's one member online: one "needs help", once.
    expect(await bell(routed.conversation.id)).toEqual([`customer_needs_help → ${ana.actor.id}`]);
    expect((await getDb().select().from(messages).where(eq(messages.conversationId, routed.conversation.id))).filter((m) => m.direction === 'inbound')).toHaveLength(1);
  });

  it('automatic routing: the request is assigned once and its agent told once, whichever way the worker stopped', async () => {
    await getDb().update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, world.workspace.id));
    const ana = await member('Ana');
    const tab = await goOnline(ana);
    try {
      const first = await store(hook('66810000002', 'Where is my order?', 'wamid.once.auto'));
      expect(await dyingBeforeTheFollowUp(() => processInboundEvent(getDb(), first))).toBe('failed');
      const stopped = await conversationOf('wamid.once.auto');
      // Routing and the notifications are one transaction: neither happened.
      expect(stopped.conversation).toMatchObject({ handler: 'queue', assigneeId: null });
      expect(stopped.followUp).toBe('new_request');

      await retryDue(neverMarked);
      await leasesLapse();
      await retryDue();
      expect(await processInboundEvent(getDb(), await store(hook('66810000002', 'Where is my order?', 'wamid.once.auto')))).toBe('processed');

      const done = await conversationOf('wamid.once.auto');
      expect(done.conversation).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id });
      expect(done.followUp).toBeNull();
      expect(await statusLines(done.conversation.id)).toEqual(['New request', 'Assigned to Ana automatically']);
      expect(await bell(done.conversation.id)).toEqual([`assigned_to_me → ${ana.actor.id}`]);
      expect(await statusOf([first])).toEqual(['processed']);
    } finally {
      tab.disconnect();
    }
  });

  it('a message to an agent’s conversation: the assignee hears of it once, in the bell and on their phone', async () => {
    const ana = await member('Ana');
    await getDb().insert(pushSubscriptions).values({ userId: ana.actor.id, endpoint: `https://push.example/${ana.actor.id}`, p256dh: 'key', auth: 'auth', deviceLabel: 'Phone' });
    expect(await processInboundEvent(getDb(), await store(hook('66810000003', 'Hello', 'wamid.once.hello')))).toBe('processed');
    const { conversation } = await conversationOf('wamid.once.hello');
    await getDb().update(conversations).set({ handler: 'agent', assigneeId: ana.actor.id }).where(eq(conversations.id, conversation.id));
    await getDb().delete(notifications).where(eq(notifications.conversationId, conversation.id)); // the request's "needs help"

    const id = await store(hook('66810000003', 'Size M please', 'wamid.once.size'));
    expect(await dyingBeforeTheFollowUp(() => processInboundEvent(getDb(), id))).toBe('failed');
    expect((await conversationOf('wamid.once.size')).followUp).toBe('pending');
    expect(await bell(conversation.id)).toEqual([]);

    await retryDue(neverMarked);
    await leasesLapse();
    await retryDue();
    expect(await statusOf([id])).toEqual(['processed']);
    expect((await conversationOf('wamid.once.size')).followUp).toBeNull();
    expect(await bell(conversation.id)).toEqual([`new_message → ${ana.actor.id}`]);
    // The push job was queued in the follow-up's transaction: once.
    const jobs = await getDb().execute<{ kind: string }>(
      sql`select data->>'kind' as kind from ${sql.raw(JOBS_SCHEMA)}.job where name = ${jobQueues.pushSend} and data->>'conversationId' = ${conversation.id}`,
    );
    expect(jobs.rows.map((r) => r.kind)).toEqual(['new_message']);
  });

  it('a retried delivery whose message was stored tells the agents of it again (its publish may have died with the worker), stored once', async () => {
    const ana = await member('Ana');
    expect(await processInboundEvent(getDb(), await store(hook('66810000005', 'Hello', 'wamid.once.again.hello')))).toBe('processed');
    const { conversation } = await conversationOf('wamid.once.again.hello');
    await getDb().update(conversations).set({ handler: 'agent', assigneeId: ana.actor.id }).where(eq(conversations.id, conversation.id));
    await getDb().delete(notifications).where(eq(notifications.conversationId, conversation.id)); // the request's "needs help"

    // The worker stored the message and died before marking the delivery (and, maybe, before publishing it).
    const id = await store(hook('66810000005', 'Is it in stock?', 'wamid.once.again.stock'));
    await work(await claimInboundEvents(getDb(), 10), neverMarked);
    expect(await statusOf([id])).toEqual(['processing']);

    // Ana's open conversation, subscribed only now: whatever was published before is gone for her.
    const tab = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(getDb(), { id: ana.actor.id, name: ana.actor.name }, { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = tab.subscribe(realtimeChannels.conversation(conversation.id));
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const told = nextEvent<{ message: { id: string; body: string | null } }>(channel, 'message.created');
    await leasesLapse();
    await retryDue();
    expect((await told).message.body).toBe('Is it in stock?');
    expect(await statusOf([id])).toEqual(['processed']);
    const stored = await getDb().select().from(messages).where(and(eq(messages.channelId, world.whatsapp.channel.id), eq(messages.externalId, 'wamid.once.again.stock')));
    expect(stored).toHaveLength(1);
    expect(await bell(conversation.id)).toEqual([`new_message → ${ana.actor.id}`]);
    tab.disconnect();
  });

  it('a message to the bot (nothing follows) carries no marker', async () => {
    expect(await processInboundEvent(getDb(), await store(hook('66810000004', 'Hi', 'wamid.once.hi')))).toBe('processed');
    const { conversation } = await conversationOf('wamid.once.hi');
    await getDb().update(conversations).set({ handler: 'bot' }).where(eq(conversations.id, conversation.id));
    expect(await processInboundEvent(getDb(), await store(hook('66810000004', 'Thanks', 'wamid.once.thanks')))).toBe('processed');
    expect((await conversationOf('wamid.once.thanks')).followUp).toBeNull();
  });
});

describe('a batch of customers’ messages', () => {
  it('each assignee hears of their customer’s message once, after a crash before the follow-ups and one before the deliveries were marked', async () => {
    const ana = await member('Ana');
    const ben = await member('Ben');
    const customers = [
      { waId: '66820000001', agent: ana },
      { waId: '66820000002', agent: ben },
    ];
    const owned: string[] = [];
    for (const c of customers) {
      expect(await processInboundEvent(getDb(), await store(hook(c.waId, 'Hello', `wamid.batch.hello.${c.waId}`)))).toBe('processed');
      const { conversation } = await conversationOf(`wamid.batch.hello.${c.waId}`);
      await getDb().update(conversations).set({ handler: 'agent', assigneeId: c.agent.actor.id }).where(eq(conversations.id, conversation.id));
      await getDb().delete(notifications).where(eq(notifications.conversationId, conversation.id));
      owned.push(conversation.id);
    }

    // Both arrive in one claim: the batch stores them together; the worker dies before the follow-ups.
    const ids = [];
    for (const c of customers) ids.push(await store(hook(c.waId, `Size L for ${c.waId}`, `wamid.batch.size.${c.waId}`)));
    const claimed = await claimInboundEvents(getDb(), 50);
    expect(claimed.map((e) => e.id).sort()).toEqual([...ids].sort());
    const batched = await dyingBeforeTheFollowUp(() => processBatchable(getDb(), claimed, markOne).then((taken) => Promise.all([...taken.values()])));
    expect(batched).toEqual(['failed', 'failed']); // the batch took both; neither follow-up ran
    for (const c of customers) expect((await conversationOf(`wamid.batch.size.${c.waId}`)).followUp).toBe('pending');
    for (const id of owned) expect(await bell(id)).toEqual([]);

    // The retries run them; the worker dies before marking; the next retries change nothing.
    await retryDue(neverMarked);
    await leasesLapse();
    await retryDue();
    expect(await statusOf(ids)).toEqual(['processed', 'processed']);
    expect(await bell(owned[0])).toEqual([`new_message → ${ana.actor.id}`]);
    expect(await bell(owned[1])).toEqual([`new_message → ${ben.actor.id}`]);

    // A second batch whose worker dies after the follow-ups, before marking: the retries notify nobody again.
    const again = [];
    for (const c of customers) again.push(await store(hook(c.waId, `And a belt, ${c.waId}`, `wamid.batch.belt.${c.waId}`)));
    const second = await claimInboundEvents(getDb(), 50);
    const taken = await processBatchable(getDb(), second, neverMarked);
    expect(taken.size).toBe(2);
    await Promise.all(taken.values());
    expect(await statusOf(again)).toEqual(['processing', 'processing']);
    await leasesLapse();
    await retryDue();
    expect(await statusOf(again)).toEqual(['processed', 'processed']);
    expect(await bell(owned[0])).toEqual([`new_message → ${ana.actor.id}`, `new_message → ${ana.actor.id}`]);
    expect(await bell(owned[1])).toEqual([`new_message → ${ben.actor.id}`, `new_message → ${ben.actor.id}`]);
    for (const c of customers) expect((await conversationOf(`wamid.batch.belt.${c.waId}`)).followUp).toBeNull();
  });

  it('automatic routing of waiting requests: each assigned once, its agent told once', async () => {
    await getDb().update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, world.workspace.id));
    const waIds = ['66830000001', '66830000002'];
    // They wrote while nobody was online: their requests wait.
    const waiting: string[] = [];
    for (const waId of waIds) {
      expect(await processInboundEvent(getDb(), await store(hook(waId, 'Hello', `wamid.wait.hello.${waId}`)))).toBe('processed');
      waiting.push((await conversationOf(`wamid.wait.hello.${waId}`)).conversation.id);
    }
    const ana = await member('Ana');
    await getDb().delete(notifications).where(inArray(notifications.conversationId, waiting));
    const tab = await goOnline(ana);
    try {
      const ids = [];
      for (const waId of waIds) ids.push(await store(hook(waId, 'Still there?', `wamid.wait.still.${waId}`)));
      const claimed = await claimInboundEvents(getDb(), 50);
      const taken = await dyingBeforeTheFollowUp(() => processBatchable(getDb(), claimed, markOne).then((t) => Promise.all([...t.values()])));
      expect(taken).toEqual(['failed', 'failed']);
      for (const id of waiting) {
        const [c] = await getDb().select().from(conversations).where(eq(conversations.id, id));
        expect(c).toMatchObject({ handler: 'queue', assigneeId: null });
      }

      await retryDue(neverMarked);
      await leasesLapse();
      await retryDue();
      expect(await statusOf(ids)).toEqual(['processed', 'processed']);
      for (const id of waiting) {
        const [c] = await getDb().select().from(conversations).where(eq(conversations.id, id));
        expect(c).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id });
        expect(await statusLines(id)).toEqual(['New request', 'Assigned to Ana automatically']);
        expect(await bell(id)).toEqual([`assigned_to_me → ${ana.actor.id}`]);
      }
    } finally {
      tab.disconnect();
    }
  });
});
