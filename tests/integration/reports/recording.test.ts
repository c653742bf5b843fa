import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { messages, presenceSessions } from '@/db/schema';
import type { FakePlatforms } from '@/fake-platforms';
import { sendReply } from '@/lib/inbox/send-reply';
import { setMemberActive } from '@/lib/members/manage';
import { setAvailability } from '@/lib/members/set-availability';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
import { flow, messengerCustomer, onlineMember, seedCatalogue, welcomeDefinition } from '../flows/helpers';

// What the reports read is recorded when it happens, through the real paths: who had the
// conversation first and when it reached a person, where in the flow the customer asked for
// one, the first reply and who wrote it, and each stretch an agent was marked online.

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
});

describe('recorded for the reports', () => {
  it('a bot conversation: opened by the bot, the step where the customer asked for a person, when it reached the team, and the first reply', async () => {
    const shop = await seedCatalogue(world.workspace.id);
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const ana = await onlineMember(world.workspace.id, 'Ana');
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    let c = (await kerry.conversation())!;
    expect(c).toMatchObject({ openedHandler: 'bot', reachedPeopleAt: null, firstReplyAt: null });

    await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' });
    await kerry.say({ text: 'Can I talk to an agent please' });
    c = (await kerry.conversation())!;
    expect(c.handler).toBe('queue');
    const lines = await getDb()
      .select({ payload: messages.payload })
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.kind, 'status')))
      .orderBy(asc(messages.createdAt), asc(messages.seq));
    const line = lines.find((l) => (l.payload as { event?: string } | null)?.event === 'bot_hand_off')!;
    expect(line.payload).toMatchObject({ event: 'bot_hand_off', reason: 'customer_asked', stepId: 'ask_order', flowVersion: 1 });
    expect(c.reachedPeopleAt).toBeInstanceOf(Date);

    await sendReply(getDb(), ana, { conversationId: c.id, text: 'Hi Kerry, Ana here', note: false });
    const afterFirst = (await kerry.conversation())!;
    expect(afterFirst.firstReplyById).toBe(ana.actor.id);
    expect(afterFirst.firstReplyAt!.getTime()).toBeGreaterThanOrEqual(c.reachedPeopleAt!.getTime());
    // A note is not a reply, and a later reply does not move the first one.
    await sendReply(getDb(), ana, { conversationId: c.id, text: 'VIP', note: true });
    await sendReply(getDb(), ana, { conversationId: c.id, text: 'Found it', note: false });
    expect(await kerry.conversation()).toMatchObject({ firstReplyAt: afterFirst.firstReplyAt, firstReplyById: ana.actor.id });
  });

  it('a conversation opened straight as a request reached the team when it opened', async () => {
    await onlineMember(world.workspace.id, 'Ana');
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'Hello, is anyone there?' });
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ openedHandler: 'queue', handler: 'queue' });
    // When the customer's first message came: the request was the team's from then on.
    expect(c.reachedPeopleAt).toEqual(c.lastCustomerMessageAt);
  });

  it('online time: a session opens when an agent marks themself online, once, and closes when they go away or are deactivated', async () => {
    const admin = await onlineMember(world.workspace.id, 'Boss', 'admin');
    const ana = await onlineMember(world.workspace.id, 'Ana');
    const sessions = () =>
      getDb().select().from(presenceSessions).where(and(eq(presenceSessions.workspaceId, world.workspace.id), eq(presenceSessions.userId, ana.actor.id))).orderBy(asc(presenceSessions.startedAt));

    await setAvailability(getDb(), ana, { availability: 'online' }, { online: async () => new Set() });
    await setAvailability(getDb(), ana, { availability: 'online' }, { online: async () => new Set() });
    expect(await sessions()).toHaveLength(1);
    expect((await sessions())[0].endedAt).toBeNull();

    await setAvailability(getDb(), ana, { availability: 'away' }, { online: async () => new Set() });
    const [closed] = await sessions();
    expect(closed.endedAt!.getTime()).toBeGreaterThanOrEqual(closed.startedAt.getTime());

    await setAvailability(getDb(), ana, { availability: 'online' }, { online: async () => new Set() });
    await setMemberActive(getDb(), admin, { userId: ana.actor.id, active: false });
    const all = await sessions();
    expect(all).toHaveLength(2);
    expect(all.every((s) => s.endedAt !== null)).toBe(true);
  });
});
