import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { memberships, notifications } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, withFakes, type ChannelWorld } from '../support/channel-world';
import { staysFalse, waitUntil } from '../reminders/wait';

// Where things happen (the inbound pipeline and the agent operations), the right agents are
// notified after commit: the hooks in lib/ingest/apply-message.ts and lib/inbox/ops/apply.ts.

let fakes: FakePlatforms;
let world: ChannelWorld;
let admin: ActorContext;
let ana: ActorContext;
let ben: ActorContext;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());

async function member(name: string, role: 'admin' | 'agent', availability: 'online' | 'away'): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), world.workspace.id, user.id, role);
  await getDb().update(memberships).set({ availability }).where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.userId, user.id)));
  return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role } };
}

beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  admin = await member('Boss', 'admin', 'away');
  ana = await member('Ana', 'agent', 'online');
  ben = await member('Ben', 'agent', 'away');
});

let psid = 0;
async function customerWrites(text: string, id = `7770000${String(++psid).padStart(7, '0')}`) {
  const { pageId, secrets, channel } = world.facebook;
  await deliver('facebook', channel.id, messengerWebhook({ pageId, psid: id, text }, secrets.appSecret));
  await settled(channel.id);
  return id;
}

const bellOf = (ctx: ActorContext, kind: string) =>
  getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, ctx.workspaceId), eq(notifications.userId, ctx.actor.id), eq(notifications.kind, kind as 'new_message')));

describe('notifications where things happen', () => {
  it('a new request: "a customer needs help" to the agents who are online', async () => {
    await customerWrites('Is the linen dress in stock?');
    const [request] = await conversationsOf(world.facebook.channel.id);
    const [help] = await waitUntil('Ana to be told', async () => {
      const rows = await bellOf(ana, 'customer_needs_help');
      return rows.length ? rows : null;
    });
    expect(help).toMatchObject({ conversationId: request.id, body: 'Is the linen dress in stock?' });
    expect(help.title).toMatch(/needs help$/);
    expect(await bellOf(ben, 'customer_needs_help')).toHaveLength(0); // away
    expect(await bellOf(admin, 'customer_needs_help')).toHaveLength(0); // away
  });

  it('a customer message in a conversation I own: "new message" to me only', async () => {
    const customer = await customerWrites('Hello?');
    const [request] = await conversationsOf(world.facebook.channel.id);
    await takeOver(getDb(), ben, { conversationId: request.id });
    await customerWrites('Any news on my order?', customer);
    const [message] = await waitUntil('Ben to be told', async () => {
      const rows = await bellOf(ben, 'new_message');
      return rows.length ? rows : null;
    });
    expect(message).toMatchObject({ conversationId: request.id, body: 'Any news on my order?' });
    expect(message.title).toMatch(/^New message from /);
    expect(await bellOf(ana, 'new_message')).toHaveLength(0);
  });

  it('assigned, re-assigned and unassigned: each agent per their preferences; never for what I did myself', async () => {
    await customerWrites('Hi');
    const [request] = await conversationsOf(world.facebook.channel.id);
    await takeOver(getDb(), ana, { conversationId: request.id }); // herself: nothing
    await assignConversation(getDb(), admin, { conversationId: request.id, to: `agent:${ben.actor.id}` });
    await waitUntil('Ben to be told', async () => (await bellOf(ben, 'reassigned_to_me')).length === 1);
    await assignConversation(getDb(), admin, { conversationId: request.id, to: 'requests' });
    // "Unassigned" is off by default: Ana and Ben get nothing for losing it.
    expect(await staysFalse(async () => (await bellOf(ben, 'unassigned')).length + (await bellOf(ana, 'unassigned')).length, 300)).toBe(true);
    expect(await bellOf(ana, 'assigned_to_me')).toHaveLength(0);
    expect(await bellOf(ana, 'reassigned_to_me')).toHaveLength(0);
  });
});
