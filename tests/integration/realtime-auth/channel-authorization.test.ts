import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceChannel } from 'pusher-js';
import { getDb } from '@/lib/db';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

async function world() {
  const db = getDb();
  const shopA = await createWorkspace(db, 'Shop A');
  const shopB = await createWorkspace(db, 'Shop B');
  const ana = await createUser(db, 'Ana');
  const ben = await createUser(db, 'Ben');
  await addMember(db, shopA.id, ana.id, 'agent');
  await addMember(db, shopA.id, ben.id, 'agent');
  const { conversation: convB } = await createConversation(db, shopB.id);
  const { conversation: convA } = await createConversation(db, shopA.id);
  return { shopA, shopB, ana, ben, convA, convB };
}

/** pusher-js as a signed-in member: authorization runs through the app's real rules. */
function connectAs(user: { id: string; name: string; email: string }) {
  return realtime.connect(async (socketId, channelName) => {
    const result = await authorizeMemberChannel(getDb(), sessionOf(user), { socketId, channelName });
    return result.ok ? result.body : { error: result.error };
  });
}

describe('realtime channel authorization', () => {
  it('delivers events triggered through the pusher SDK to a member on a private channel', async () => {
    const { shopA, ana, convA } = await world();
    const client = connectAs(ana);
    const channel = client.subscribe(realtimeChannels.workspace(shopA.id));
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const conversationChannel = client.subscribe(realtimeChannels.conversation(convA.id));
    await nextEvent(conversationChannel, 'pusher:subscription_succeeded');

    const received = nextEvent<{ id: string; version: number }>(channel, 'conversation.updated');
    const onConversation = nextEvent<{ body: string }>(conversationChannel, 'message.created');
    await publish([
      { channel: realtimeChannels.workspace(shopA.id), name: 'conversation.updated', data: { id: convA.id, version: 2 } },
      { channel: realtimeChannels.conversation(convA.id), name: 'message.created', data: { body: 'Hello' } },
    ]);
    expect(await received).toEqual({ id: convA.id, version: 2 });
    expect(await onConversation).toEqual({ body: 'Hello' });
  });

  it("refuses an agent of workspace A the channels of workspace B, and delivers nothing from them", async () => {
    const { shopA, shopB, ana, ben, convB } = await world();
    const client = connectAs(ana);

    for (const name of [
      realtimeChannels.workspace(shopB.id),
      realtimeChannels.workspacePresence(shopB.id),
      realtimeChannels.conversation(convB.id),
      realtimeChannels.assist(convB.id),
      realtimeChannels.user(ben.id),
      'private-anything-else',
    ]) {
      const channel = client.subscribe(name);
      const error = await nextEvent<{ type: string; status: number }>(channel, 'pusher:subscription_error');
      expect(error.type).toBe('AuthError');
    }

    // The events published to B never reach Ana, while A's still do.
    const forbidden = client.channel(realtimeChannels.workspace(shopB.id));
    let leaked = false;
    forbidden.bind('conversation.updated', () => (leaked = true));
    const own = client.subscribe(realtimeChannels.workspace(shopA.id));
    await nextEvent(own, 'pusher:subscription_succeeded');
    const ownEvent = nextEvent(own, 'conversation.updated');
    await publish([
      { channel: realtimeChannels.workspace(shopB.id), name: 'conversation.updated', data: { id: 'b' } },
      { channel: realtimeChannels.workspace(shopA.id), name: 'conversation.updated', data: { id: 'a' } },
    ]);
    // Both were sent in one batch request, so once A's arrives B's would have too.
    await ownEvent;
    expect(leaked).toBe(false);
  });

  it("lets a member join the assist channel of their workspace's conversation", async () => {
    const { ana, convA } = await world();
    const assist = connectAs(ana).subscribe(realtimeChannels.assist(convA.id));
    await nextEvent(assist, 'pusher:subscription_succeeded');
  });

  it('lets a user listen on their own user channel only', async () => {
    const { ana } = await world();
    const client = connectAs(ana);
    const mine = client.subscribe(realtimeChannels.user(ana.id));
    await nextEvent(mine, 'pusher:subscription_succeeded');
  });

  it('reports members joining and leaving the workspace presence channel', async () => {
    const { shopA, ana, ben } = await world();
    const anaClient = connectAs(ana);
    const presence = anaClient.subscribe(realtimeChannels.workspacePresence(shopA.id)) as PresenceChannel;
    await nextEvent(presence, 'pusher:subscription_succeeded');
    expect(presence.members.count).toBe(1);
    expect(presence.members.me).toMatchObject({ id: ana.id, info: { name: 'Ana' } });

    const joined = nextEvent<{ id: string; info: { name: string } }>(presence, 'pusher:member_added');
    const benClient = connectAs(ben);
    benClient.subscribe(realtimeChannels.workspacePresence(shopA.id));
    expect(await joined).toEqual({ id: ben.id, info: { name: 'Ben' } });
    expect(presence.members.count).toBe(2);

    const left = nextEvent<{ id: string }>(presence, 'pusher:member_removed');
    benClient.disconnect();
    expect((await left).id).toBe(ben.id);
    expect(presence.members.count).toBe(1);
  });
});
