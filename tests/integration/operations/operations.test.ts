import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, memberships, messages, teams } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { setFollowUp } from '@/lib/inbox/ops/follow-up';
import { handBack } from '@/lib/inbox/ops/hand-back';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { sendReply } from '@/lib/inbox/send-reply';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let admin: ActorContext;
let agents: ActorContext[];
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());

async function member(name: string, role: 'admin' | 'agent'): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), world.workspace.id, user.id, role);
  return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role } };
}

beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  admin = await member('Boss', 'admin');
  agents = [];
  for (let i = 0; i < 20; i++) agents.push(await member(`Agent ${i + 1}`, 'agent'));
});

let psidCounter = 0;
async function newRequest() {
  const { pageId, secrets, channel } = world.facebook;
  const psid = `5550000${String(++psidCounter).padStart(7, '0')}`;
  await deliver('facebook', channel.id, messengerWebhook({ pageId, psid, text: 'Help please' }, secrets.appSecret));
  await settled(channel.id);
  const rows = await conversationsOf(channel.id);
  return rows.find((c) => c.status === 'open' && c.handler === 'queue' && c.assigneeId === null && c.lastMessagePreview === 'Help please')!;
}

const reload = async (id: string) => (await getDb().select().from(conversations).where(eq(conversations.id, id)))[0];

describe('20 agents reply to the same request at once', () => {
  it('exactly one owns it and 19 get the clear message', async () => {
    const request = await newRequest();
    const results = await Promise.allSettled(
      agents.map((ctx, i) => sendReply(getDb(), ctx, { conversationId: request.id, text: `Reply ${i + 1}`, note: false })),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const after = await reload(request.id);
    const owner = agents.find((a) => a.actor.id === after.assigneeId)!;
    expect(owner).toBeDefined();
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(UserError);
      expect((loser.reason as Error).message).toBe(`${owner.actor.name} already took this conversation.`);
    }
    const outbound = (await getDb().select().from(messages).where(eq(messages.conversationId, request.id))).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
  });
});

describe('operation authorization', () => {
  it('an agent cannot take, reassign or resolve a conversation another agent has; an admin can', async () => {
    const [ana, ben] = agents;
    const request = await newRequest();
    await takeOver(getDb(), ana, { conversationId: request.id });
    await expect(takeOver(getDb(), ben, { conversationId: request.id })).rejects.toThrow('Agent 1 already took this conversation.');
    await expect(assignConversation(getDb(), ben, { conversationId: request.id, to: `agent:${ben.actor.id}` })).rejects.toThrow(/Agent 1 has this conversation/);
    await expect(resolveConversation(getDb(), ben, { conversationId: request.id })).rejects.toThrow(UserError);
    await assignConversation(getDb(), admin, { conversationId: request.id, to: `agent:${ben.actor.id}` });
    expect((await reload(request.id)).assigneeId).toBe(ben.actor.id);
    await resolveConversation(getDb(), ben, { conversationId: request.id });
    expect((await reload(request.id)).status).toBe('resolved');
  });

  it('another workspace cannot touch the conversation at all', async () => {
    const request = await newRequest();
    const outsider: ActorContext = { ...admin, workspaceId: '00000000-0000-4000-8000-000000000000' };
    for (const op of [
      () => takeOver(getDb(), outsider, { conversationId: request.id }),
      () => resolveConversation(getDb(), outsider, { conversationId: request.id }),
      () => setFollowUp(getDb(), outsider, { conversationId: request.id, followUp: true }),
      () => handBack(getDb(), outsider, { conversationId: request.id, action: 'resume' }),
    ]) {
      await expect(op()).rejects.toThrow('This conversation does not exist.');
    }
    expect((await reload(request.id)).handler).toBe('queue');
  });

  it('assigning to an agent or team of another workspace is refused', async () => {
    const request = await newRequest();
    const stranger = await createUser(getDb(), 'Stranger');
    await expect(assignConversation(getDb(), admin, { conversationId: request.id, to: `agent:${stranger.id}` })).rejects.toThrow('That agent is not an active member of this workspace.');
    // A deactivated member cannot be given new conversations either.
    const [gone] = agents.slice(-1);
    await getDb().update(memberships).set({ active: false }).where(and(eq(memberships.userId, gone.actor.id), eq(memberships.workspaceId, world.workspace.id)));
    await expect(assignConversation(getDb(), admin, { conversationId: request.id, to: `agent:${gone.actor.id}` })).rejects.toThrow('That agent is not an active member of this workspace.');
  });
});

describe('the conversation lifecycle', () => {
  it('assign to a team, take over, resolve; the customer writes again and it is a new request', async () => {
    const [ana] = agents;
    const request = await newRequest();
    const [sales] = await getDb().insert(teams).values({ workspaceId: world.workspace.id, name: 'Sales' }).returning();
    await assignConversation(getDb(), admin, { conversationId: request.id, to: `team:${sales.id}` });
    expect(await reload(request.id)).toMatchObject({ handler: 'queue', teamId: sales.id });
    await takeOver(getDb(), ana, { conversationId: request.id });
    await setFollowUp(getDb(), ana, { conversationId: request.id, followUp: true });
    await resolveConversation(getDb(), ana, { conversationId: request.id });
    const resolved = await reload(request.id);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedById: ana.actor.id, followUp: true });

    const statusLines = (await getDb().select().from(messages).where(eq(messages.conversationId, request.id)))
      .filter((m) => m.kind === 'status')
      .map((m) => m.body);
    expect(statusLines).toEqual(expect.arrayContaining(['Assigned to Sales by Boss', 'Agent 1 took over', 'Resolved by Agent 1']));

    // The same customer writes again: a new open request, the resolved one untouched.
    const { pageId, secrets, channel } = world.facebook;
    await deliver('facebook', channel.id, messengerWebhook({ pageId, psid: `5550000${String(psidCounter).padStart(7, '0')}`, text: 'Me again' }, secrets.appSecret));
    await settled(channel.id);
    const all = await conversationsOf(channel.id);
    const reopened = all.find((c) => c.id !== request.id && c.contactId === request.contactId)!;
    expect(reopened).toMatchObject({ status: 'open', handler: 'queue', assigneeId: null });
    expect((await reload(request.id)).status).toBe('resolved');
  });
});
