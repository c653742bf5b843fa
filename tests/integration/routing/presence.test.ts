import { eq } from 'drizzle-orm';
import type PusherClient from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, memberships, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { sweepOnce } from '@/background/sweep';
import { setAvailability } from '@/lib/members/set-availability';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { presenceOnlineUsers } from '@/lib/routing/presence';
import { createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { reload, statusLines } from './world';

// Automatic routing end to end: requests arrive through the real webhook pipeline, agents
// are online because real pusher-js clients joined presence-workspace-{id}, and the
// triggers are the real ones (ingest, resolve, unassign, availability, the sweep).

let fakes: FakePlatforms;
let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  fakes = await withFakes();
  realtime = await startTestRealtime();
});
afterAll(async () => {
  await realtime?.close();
  await fakes?.close();
});

async function member(world: ChannelWorld, name: string, availability: 'online' | 'away'): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await getDb().insert(memberships).values({ workspaceId: world.workspace.id, userId: user.id, role: 'agent', capacity: 1, availability });
  return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role: 'agent' } };
}

/** A browser tab of this agent: a real pusher-js client in the workspace's presence channel. */
async function goOnline(ctx: ActorContext): Promise<PusherClient> {
  const client = realtime.connect(async (socketId, channelName) => {
    const result = await authorizeMemberChannel(getDb(), { id: ctx.actor.id, name: ctx.actor.name }, { socketId, channelName });
    return result.ok ? result.body : { error: result.error };
  });
  const presence = client.subscribe(realtimeChannels.workspacePresence(ctx.workspaceId));
  await nextEvent(presence, 'pusher:subscription_succeeded');
  return client;
}

let counter = 0;
async function newRequest(world: ChannelWorld) {
  const { pageId, secrets, channel } = world.facebook;
  const text = `Need help ${++counter}`;
  const psid = `7770000${String(counter).padStart(7, '0')}`;
  await deliver('facebook', channel.id, messengerWebhook({ pageId, psid, text }, secrets.appSecret));
  await settled(channel.id);
  const rows = await conversationsOf(channel.id);
  return rows.find((c) => c.lastMessagePreview === text)!;
}

describe('automatic routing with real presence', () => {
  it('routes to agents who are online and available, as capacity and availability change', async () => {
    const world = await createChannelWorld(fakes);
    const ws = world.workspace.id;
    await getDb().update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, ws));
    const ana = await member(world, 'Ana', 'online');
    const ben = await member(world, 'Ben', 'online');
    const chloe = await member(world, 'Chloe', 'away');

    const anaTab = await goOnline(ana);
    await goOnline(chloe);
    await waitFor('Ana and Chloe in presence', async () => {
      const online = await presenceOnlineUsers(ws);
      return online.has(ana.actor.id) && online.has(chloe.actor.id);
    });

    // 1. Ana is the only one online and available (Ben is not connected, Chloe is away).
    const list = anaTab.subscribe(realtimeChannels.workspace(ws));
    await nextEvent(list, 'pusher:subscription_succeeded');
    const assignedEvent = nextEvent<{ handler: string; assigneeId: string }>(list, 'conversation.updated');
    const r1 = await newRequest(world);
    expect(r1.handler).toBe('agent');
    expect(r1.assigneeId).toBe(ana.actor.id);
    expect(await statusLines(r1.id)).toEqual(['New request', 'Assigned to Ana automatically']);
    expect(await assignedEvent).toMatchObject({ id: r1.id, handler: 'agent', assigneeId: ana.actor.id });

    // 2. Ana is at capacity (1): the next request waits.
    const r2 = await newRequest(world);
    expect(r2.handler).toBe('queue');

    // 3. Ben opens the app: the periodic sweep gives him the waiting request.
    const benTab = await goOnline(ben);
    await waitFor('Ben in presence', async () => (await presenceOnlineUsers(ws)).has(ben.actor.id));
    await sweepOnce(getDb());
    expect((await reload(r2.id)).assigneeId).toBe(ben.actor.id);

    // 4. Everyone available is full; Chloe switches to Online and takes the next one at once.
    const r3 = await newRequest(world);
    expect(r3.handler).toBe('queue');
    await setAvailability(getDb(), chloe, { availability: 'online' });
    expect((await reload(r3.id)).assigneeId).toBe(chloe.actor.id);

    // 5. Ana resolves hers: capacity frees up and the waiting request is hers.
    const r4 = await newRequest(world);
    expect(r4.handler).toBe('queue');
    await resolveConversation(getDb(), ana, { conversationId: r1.id });
    expect((await reload(r4.id)).assigneeId).toBe(ana.actor.id);

    // 6. Ben sends his back to Requests: it is not handed straight back to him.
    await assignConversation(getDb(), ben, { conversationId: r2.id, to: 'requests' });
    const back = await reload(r2.id);
    expect(back.handler).toBe('queue');
    expect(back.assigneeId).toBeNull();

    // 7. Ben closes the app: offline agents get nothing, even with free capacity.
    benTab.disconnect();
    await waitFor('Ben to leave presence', async () => !(await presenceOnlineUsers(ws)).has(ben.actor.id));
    await sweepOnce(getDb());
    expect((await reload(r2.id)).handler).toBe('queue');

    // 8. Chloe goes away and Ana resolves: the waiting request goes to Ana, not to Chloe.
    await setAvailability(getDb(), chloe, { availability: 'away' });
    await resolveConversation(getDb(), chloe, { conversationId: r3.id });
    expect((await reload(r2.id)).handler).toBe('queue');
    await resolveConversation(getDb(), ana, { conversationId: r4.id });
    expect((await reload(r2.id)).assigneeId).toBe(ana.actor.id);

    const open = await getDb().select().from(conversations).where(eq(conversations.workspaceId, ws));
    expect(open.filter((c) => c.status === 'open' && c.handler === 'queue')).toHaveLength(0);
  });

  it('manual mode: requests wait in Requests even with agents online', async () => {
    const world = await createChannelWorld(fakes);
    const ana = await member(world, 'Ana', 'online');
    await goOnline(ana);
    await waitFor('Ana in presence', async () => (await presenceOnlineUsers(world.workspace.id)).has(ana.actor.id));
    const r = await newRequest(world);
    expect(r.handler).toBe('queue');
    expect(r.assigneeId).toBeNull();
    await sweepOnce(getDb());
    expect((await reload(r.id)).handler).toBe('queue');
  });
});
