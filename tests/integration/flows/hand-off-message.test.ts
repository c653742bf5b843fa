import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, contacts, conversations, memberships, messages, workspaces } from '@/db/schema';
import type { FakePlatforms } from '@/fake-platforms';
import { FAILURE_APOLOGY, FAILURE_MESSAGE } from '@/lib/hand-off/message';
import { DEFAULT_HAND_OFF_TEXT } from '@/lib/hand-off/settings';
import { getHandOffMessage, updateHandOffMessage } from '@/lib/hand-off/update-settings';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
import { described, flow, messengerCustomer, onlineMember, seedCatalogue, welcomeDefinition } from './helpers';

// The hand-off message end to end: a customer on Messenger (real webhook route, real
// runtime, real outbox) is handed to the team and the fake platform receives what the bot
// says, once, in the bot's name.

let fakes: FakePlatforms;
let world: ChannelWorld;
let shop: Awaited<ReturnType<typeof seedCatalogue>>;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  shop = await seedCatalogue(world.workspace.id);
});

const texts = (sent: Parameters<typeof described>[0]) => described(sent).map((d) => d.text);

async function botMessages(conversationId: string) {
  const rows = await getDb()
    .select({ body: messages.body, senderKind: messages.senderKind, status: messages.status })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outbound')))
    .orderBy(messages.createdAt, messages.seq);
  return rows;
}

/**
 * Three earlier hand-offs of this workspace that an agent answered after `minutes` each,
 * as the runtime and an agent's reply record them.
 */
async function answeredHandOffs(ws: ChannelWorld, agentId: string, minutes: number[]) {
  const db = getDb();
  const now = Date.now();
  for (const [i, wait] of minutes.entries()) {
    const [contact] = await db.insert(contacts).values({ workspaceId: ws.workspace.id, name: `Earlier ${i}` }).returning();
    const handedOffAt = new Date(now - (i + 1) * 3_600_000);
    const repliedAt = new Date(handedOffAt.getTime() + wait * 60_000);
    const [c] = await db
      .insert(conversations)
      .values({ workspaceId: ws.workspace.id, contactId: contact.id, channelId: ws.facebook.channel.id, handler: 'agent', assigneeId: agentId, status: 'resolved', lastMessageAt: repliedAt, lastAgentMessageAt: repliedAt })
      .returning();
    const base = { workspaceId: ws.workspace.id, conversationId: c.id, channelId: ws.facebook.channel.id };
    await db.insert(messages).values([
      { ...base, direction: 'internal', senderKind: 'system', kind: 'status', body: 'Customer asked for an agent', status: 'sent', payload: { event: 'bot_hand_off', reason: 'customer_asked' }, createdAt: handedOffAt },
      { ...base, direction: 'outbound', senderKind: 'agent', senderUserId: agentId, kind: 'text', body: 'Hi! How can I help?', status: 'sent', createdAt: repliedAt },
    ]);
  }
}

describe('the hand-off message', () => {
  it('a customer who types "agent" mid-flow is told, once, by the bot, that the team will answer', async () => {
    await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' });

    expect(texts(await kerry.say({ text: 'Can I talk to an agent please' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', assigneeId: null });
    expect((await botMessages(c.id)).at(-1)).toEqual({ body: DEFAULT_HAND_OFF_TEXT, senderKind: 'bot', status: 'sent' });

    // Waiting in Requests, asking again hands nothing off again: no second message.
    expect(await kerry.say({ text: 'agent??' })).toEqual([]);
  });

  it('tapping "Talk to an agent" (the button) is a hand-off too', async () => {
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    expect(texts(await kerry.say({ text: 'Talk to an agent', quickReplyPayload: 'AGENT' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);
  });

  it('a customer whose very first words ask for a person is told too; a plain first message is not', async () => {
    // No flow answers: a first message becomes a request, and nobody asked for anyone.
    expect(await messengerCustomer(world, fakes).say({ text: 'hello' })).toEqual([]);
    const kerry = messengerCustomer(world, fakes);
    expect(texts(await kerry.say({ text: 'I want to talk to a real person' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);
    expect(await kerry.conversation()).toMatchObject({ handler: 'queue' });
    // With a welcome flow, asking for a person first skips it: the same answer.
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    expect(texts(await messengerCustomer(world, fakes).say({ text: 'customer service' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);
  });

  it('a hand-off step with its own words sends only those; one without words gets the hand-off message', async () => {
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' });
    expect(texts(await kerry.say({ text: '#1052' }))).toEqual(['Connecting you with our team.']);

    await flow(world.workspace.id, 'Quiet', { start: 'h', steps: [{ id: 'h', type: 'hand_off' }] }, { keywords: ['refund'] });
    const lee = messengerCustomer(world, fakes);
    expect(texts(await lee.say({ text: 'refund' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);
  });

  it('answers the bot cannot understand, a flow that ended and a failing flow are acknowledged too', async () => {
    await flow(world.workspace.id, 'Email', { start: 'e', steps: [{ id: 'e', type: 'ask_input', text: 'Your email?', input: 'email', maxAttempts: 1, saveTo: { kind: 'variable', name: 'email' } }] }, { keywords: ['newsletter'] });
    const a = messengerCustomer(world, fakes);
    await a.say({ text: 'newsletter' });
    expect(texts(await a.say({ text: 'not an email' }))).toEqual(['Sorry, I did not get that. Let me find someone to help you.', DEFAULT_HAND_OFF_TEXT]);

    await flow(world.workspace.id, 'Sale', { start: 's', steps: [{ id: 's', type: 'end', message: 'Our sale ends Sunday!' }] }, { keywords: ['sale'] });
    const b = messengerCustomer(world, fakes);
    await b.say({ text: 'sale?' });
    expect(texts(await b.say({ text: 'and the return policy?' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);

    await flow(world.workspace.id, 'Broken', { start: 's', steps: [{ id: 's', type: 'show_products', productIds: ['99999999-9999-4999-8999-999999999999'] }] }, { keywords: ['broken'] });
    const c = messengerCustomer(world, fakes);
    expect(texts(await c.say({ text: 'broken' }))).toEqual([FAILURE_APOLOGY, DEFAULT_HAND_OFF_TEXT]);
  });

  it('is not sent when an agent already has the conversation', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    const c = (await kerry.conversation())!;
    await takeOver(getDb(), ana, { conversationId: c.id });
    expect(await kerry.say({ text: 'agent' })).toEqual([]);
    expect((await botMessages(c.id)).map((m) => m.body)).not.toContain(DEFAULT_HAND_OFF_TEXT);
  });

  it('quotes the expected wait from the workspace’s recent answered hand-offs', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    // Two answered hand-offs are too few to promise anything.
    await answeredHandOffs(world, ana.actor.id, [3, 4]);
    expect(texts(await kerry.say({ text: 'agent' }))).toEqual([DEFAULT_HAND_OFF_TEXT]);

    await answeredHandOffs(world, ana.actor.id, [20]);
    const lee = messengerCustomer(world, fakes);
    await lee.say({ text: 'hi' });
    // Answered after 3, 4 and 20 minutes: typically 4, while Ana has room for Kerry (waiting ahead) and Lee.
    expect(texts(await lee.say({ text: 'agent' }))).toEqual([`${DEFAULT_HAND_OFF_TEXT} Expected wait: about 4 minutes.`]);

    // Ana has room for two, and three wait: the third waits a round for her to free up.
    await getDb().update(memberships).set({ capacity: 2 }).where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.userId, ana.actor.id)));
    const mo = messengerCustomer(world, fakes);
    await mo.say({ text: 'hi' });
    expect(texts(await mo.say({ text: 'agent' }))).toEqual([`${DEFAULT_HAND_OFF_TEXT} Expected wait: about 8 minutes.`]);
  });

  it('uses the text an admin saved for the next hand-off, and nothing once turned off', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana', 'admin');
    await getDb().update(workspaces).set({ settings: { handOffPhrases: ['agent', 'human'] } }).where(eq(workspaces.id, world.workspace.id));
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });

    await updateHandOffMessage(getDb(), ana, { enabled: true, text: 'Hang tight, a stylist is on the way!', includeWait: true });
    expect(await getHandOffMessage(getDb(), ana)).toEqual({ enabled: true, text: 'Hang tight, a stylist is on the way!', includeWait: true });
    // Only its own key changed: the other settings are kept.
    const [ws] = await getDb().select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, world.workspace.id));
    expect(ws.settings).toMatchObject({ handOffPhrases: ['agent', 'human'] });
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, world.workspace.id), eq(auditLog.action, 'workspace.hand_off_message_updated')));
    expect(audit).toMatchObject({ actorUserId: ana.actor.id, data: { after: { text: 'Hang tight, a stylist is on the way!' } } });

    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    expect(texts(await kerry.say({ text: 'human please' }))).toEqual(['Hang tight, a stylist is on the way!']);

    await updateHandOffMessage(getDb(), ana, { enabled: false, text: 'Hang tight, a stylist is on the way!', includeWait: true });
    const lee = messengerCustomer(world, fakes);
    await lee.say({ text: 'hi' });
    expect(await lee.say({ text: 'agent' })).toEqual([]);
    expect(await lee.conversation()).toMatchObject({ handler: 'queue' });
    // With the message off, a failing flow's apology says on its own that the team will answer.
    await flow(world.workspace.id, 'Broken', { start: 's', steps: [{ id: 's', type: 'show_products', productIds: ['99999999-9999-4999-8999-999999999999'] }] }, { keywords: ['broken'] });
    const mo = messengerCustomer(world, fakes);
    expect(texts(await mo.say({ text: 'broken' }))).toEqual([FAILURE_MESSAGE]);
  });
});
