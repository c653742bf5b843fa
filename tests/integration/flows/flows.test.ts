import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contacts, conversations, messages, notifications, orderItems, orders, products, productVariants } from '@/db/schema';
import type { FakePlatforms } from '@/fake-platforms';
import { handBack } from '@/lib/inbox/ops/hand-back';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { updateFlow } from '@/lib/flows/store';
import { FAILURE_APOLOGY } from '@/lib/hand-off/message';
import { DEFAULT_HAND_OFF_TEXT } from '@/lib/hand-off/settings';
import { createChannelWorld, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { checkoutDefinition, described, flow, messengerCustomer, onlineMember, outboxDrained, seedCatalogue, welcomeDefinition } from './helpers';

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

const statusLines = async (conversationId: string) =>
  (await getDb().select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'status'))).orderBy(messages.createdAt, messages.seq)).map((m) => m.body);

describe('welcome flow', () => {
  it('a new customer gets the bot’s greeting with quick replies on Messenger', async () => {
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    const sent = await kerry.say({ text: 'hello' });
    expect(described(sent)).toEqual([{ text: expect.stringMatching(/^Hi .+! How can I help\?$/), quickReplies: ['Track my order', 'Browse products', 'Talk to an agent'] }]);
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'bot', botState: { stepId: 'menu', paused: false, flowVersion: 1 } });
    expect(await statusLines(c.id)).toEqual(['Customer triggered the bot']);

    // Browse: product cards with Buy buttons.
    const browse = await kerry.say({ text: 'Browse products', quickReplyPayload: 'BROWSE' });
    expect(described(browse)).toEqual([
      { text: 'Our summer picks', quickReplies: undefined },
      { card: 'Linen shirt', buttons: ['Buy'] },
      { card: 'Ceramic mug', buttons: ['Buy'] },
    ]);
  });

  it('without flows a new conversation is still a request; a keyword trigger starts its flow', async () => {
    const first = messengerCustomer(world, fakes);
    expect(await first.say({ text: 'hello' })).toEqual([]);
    expect(await first.conversation()).toMatchObject({ handler: 'queue', botState: null });

    await flow(world.workspace.id, 'Sale', { start: 's', steps: [{ id: 's', type: 'end', message: 'Our sale ends Sunday!' }] }, { keywords: ['sale'] });
    const second = messengerCustomer(world, fakes);
    expect(described(await second.say({ text: 'Is there a sale?' }))).toEqual([{ text: 'Our sale ends Sunday!', quickReplies: undefined }]);
    expect(await second.conversation()).toMatchObject({ handler: 'bot', botState: null });
    // Writing again after the flow ended: a person answers, and the customer is told so.
    expect(described(await second.say({ text: 'thanks, and the return policy?' }))).toEqual([{ text: DEFAULT_HAND_OFF_TEXT, quickReplies: undefined }]);
    const c = (await second.conversation())!;
    expect(c.handler).toBe('queue');
    expect(await statusLines(c.id)).toEqual(['Customer triggered the bot', 'Customer wrote after the bot flow ended']);
  });
});

describe('checkout on Messenger', () => {
  it('Buy → variant → quantity → delivery → confirm creates a pending-payment order with reserved stock', async () => {
    await flow(world.workspace.id, 'Checkout', checkoutDefinition, { payloads: ['BUY:*'] }, 'product');
    const kerry = messengerCustomer(world, fakes);
    const opened = await kerry.say({ postback: { title: 'Buy', payload: `BUY:${shop.shirt.id}` } });
    expect(described(opened)).toEqual([
      { card: 'Linen shirt', buttons: undefined },
      { text: 'Which option of Linen shirt would you like?', quickReplies: ['M'] },
    ]);
    expect(described(await kerry.say({ text: 'M', quickReplyPayload: `CO:V:${shop.m.id}` }))[0]).toMatchObject({ text: 'How many would you like? (1–5)' });
    expect(described(await kerry.say({ text: 'two' }))[0]).toMatchObject({ text: 'Please send a whole number from 1 to 5.' });
    expect(described(await kerry.say({ text: '2' }))).toEqual([{ text: 'How would you like to get your order?', quickReplies: ['Delivery', 'Collection point'] }]);
    expect(described(await kerry.say({ text: 'Delivery', quickReplyPayload: 'CO:M:delivery' }))[0].text).toMatch(/delivery address/);
    const confirm = await kerry.say({ text: 'Kerry Lee, 99 Sukhumvit Rd, Bangkok 10110' });
    expect(described(confirm)).toEqual([{ text: '2 × Linen shirt (M): ฿2,580.00\nDelivery to: Kerry Lee, 99 Sukhumvit Rd, Bangkok 10110\nConfirm your order?', quickReplies: ['Confirm', 'Cancel'] }]);
    const placed = await kerry.say({ text: 'Confirm', quickReplyPayload: 'CO:YES' });

    const c = (await kerry.conversation())!;
    const [order] = await getDb().select().from(orders).where(eq(orders.conversationId, c.id));
    expect(order).toMatchObject({ workspaceId: world.workspace.id, contactId: c.contactId, status: 'pending_payment', totalMinor: 258000, currency: 'THB', delivery: { address: 'Kerry Lee, 99 Sukhumvit Rd, Bangkok 10110' } });
    expect(described(placed)[0].text).toBe(`Thank you! Your order #${order.number} is placed: ฿2,580.00, awaiting payment. We will send you the payment details shortly.`);
    expect(await getDb().select().from(orderItems).where(eq(orderItems.orderId, order.id))).toMatchObject([{ sku: 'SHIRT-M', quantity: 2, unitPriceMinor: 129000 }]);
    const [variant] = await getDb().select().from(productVariants).where(eq(productVariants.id, shop.m.id));
    expect(variant.stock).toBe(3);
    expect(c).toMatchObject({ handler: 'bot', botState: null });
  });

  it('two customers confirm the last unit at once: one order, one clear out-of-stock message', async () => {
    await flow(world.workspace.id, 'Mug checkout', { start: 'co', steps: [{ id: 'co', type: 'checkout', productId: shop.mug.id, delivery: ['collection_point'] }] }, { keywords: ['mug'] }, 'product');
    const a = messengerCustomer(world, fakes);
    const b = messengerCustomer(world, fakes);
    for (const customer of [a, b]) {
      await customer.say({ text: 'I want the mug' });
      await customer.say({ text: '1' });
      const confirm = await customer.say({ text: 'Siam store' });
      expect(described(confirm)[0].text).toMatch(/Confirm your order\?$/);
    }
    const [ra, rb] = await Promise.all([a.say({ text: 'Confirm' }), b.say({ text: 'Confirm' })]);
    const answers = [...described(ra), ...described(rb)].map((d) => d.text);
    expect(answers.filter((t) => t?.startsWith('Thank you! Your order #'))).toHaveLength(1);
    expect(answers.filter((t) => t === 'Sorry, Ceramic mug just sold out, so I could not place your order.')).toHaveLength(1);
    expect(await getDb().select().from(orders).where(eq(orders.workspaceId, world.workspace.id))).toHaveLength(1);
    const [mug] = await getDb().select().from(products).where(eq(products.id, shop.mug.id));
    expect(mug.stock).toBe(0);
  });
});

describe('hand-off', () => {
  it('a customer typing "agent" mid-flow lands in Requests with a status line and a needs-help notification', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' });
    expect((await kerry.conversation())!.botState).toMatchObject({ stepId: 'ask_order' });

    expect(described(await kerry.say({ text: 'AGENT' }))).toEqual([{ text: DEFAULT_HAND_OFF_TEXT, quickReplies: undefined }]);
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', assigneeId: null, botState: { stepId: 'ask_order', paused: true } });
    expect((await statusLines(c.id)).at(-1)).toBe('Customer asked for an agent');
    const [note] = await waitFor('the needs-help notification', async () => {
      const rows = await getDb().select().from(notifications).where(and(eq(notifications.userId, ana.actor.id), eq(notifications.kind, 'customer_needs_help')));
      return rows.length ? rows : null;
    });
    expect(note).toMatchObject({ conversationId: c.id, workspaceId: world.workspace.id });
  });

  it('a hand-off step sends its message and moves the conversation to Requests (a team when given)', async () => {
    await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    const sent = await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' });
    expect(described(sent)[0].text).toBe('What is your order number?');
    expect(described(await kerry.say({ text: '#1052' }))).toEqual([{ text: 'Connecting you with our team.', quickReplies: undefined }]);
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', botState: null });
    const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, c.contactId));
    expect(contact.customData).toMatchObject({ order_asked: '#1052' });
    expect((await statusLines(c.id)).at(-1)).toBe('The bot handed the conversation to Requests');
  });

  it('a runtime error hands the conversation to Requests and tells the customer', async () => {
    await flow(world.workspace.id, 'Broken', { start: 's', steps: [{ id: 's', type: 'show_products', productIds: ['99999999-9999-4999-8999-999999999999'] }] }, { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    expect(described(await kerry.say({ text: 'hi' }))).toEqual([
      { text: FAILURE_APOLOGY, quickReplies: undefined },
      { text: DEFAULT_HAND_OFF_TEXT, quickReplies: undefined },
    ]);
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', botState: null });
    expect(await statusLines(c.id)).toEqual(['Customer triggered the bot', 'The bot flow failed: handed to Requests']);
  });
});

describe('take over, resume, start a flow, versions', () => {
  it('take over pauses the flow (the customer is ignored), resume continues at the same step', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana');
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    const c = (await kerry.conversation())!;
    await takeOver(getDb(), ana, { conversationId: c.id });
    expect(await kerry.say({ text: 'Browse products', quickReplyPayload: 'BROWSE' })).toEqual([]);
    expect((await kerry.conversation())!).toMatchObject({ handler: 'agent', botState: { stepId: 'menu', paused: true } });

    await handBack(getDb(), ana, { conversationId: c.id, action: 'resume' });
    expect((await kerry.conversation())!).toMatchObject({ handler: 'bot', botState: { stepId: 'menu', paused: false } });
    expect(described(await kerry.say({ text: 'Track my order', quickReplyPayload: 'TRACK_ORDER' }))[0].text).toBe('What is your order number?');
  });

  it('an agent starts a custom flow or a product flow: the bot sends its first message at once', async () => {
    const ana = await onlineMember(world.workspace.id, 'Ana');
    const survey = await flow(world.workspace.id, 'Survey', { start: 'q', steps: [{ id: 'q', type: 'ask_choice', text: 'How did we do?', options: [{ title: 'Great' }, { title: 'Meh' }] }] });
    await flow(world.workspace.id, 'Checkout', checkoutDefinition, {}, 'product');
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hello' });
    const c = (await kerry.conversation())!;
    await takeOver(getDb(), ana, { conversationId: c.id });

    await handBack(getDb(), ana, { conversationId: c.id, action: 'start_flow', flowId: survey.id });
    await outboxDrained(c.id);
    expect(described(kerry.sentTo()).at(-1)).toEqual({ text: 'How did we do?', quickReplies: ['Great', 'Meh'] });
    expect((await kerry.conversation())!).toMatchObject({ handler: 'bot', assigneeId: null, botState: { flowId: survey.id, stepId: 'q' } });

    await handBack(getDb(), ana, { conversationId: c.id, action: 'start_product', productId: shop.mug.id });
    await outboxDrained(c.id);
    expect(described(kerry.sentTo()).slice(-2)).toEqual([{ card: 'Ceramic mug', buttons: undefined }, { text: 'How many would you like? (1–1)', quickReplies: ['1'] }]);
    expect((await statusLines(c.id)).slice(-2)).toEqual(['Ana started the flow “Survey”', 'Ana started the product flow “Ceramic mug”']);
  });

  it('a conversation continues on the version it started with after the flow changed', async () => {
    const f = await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hi' });
    await getDb().transaction((tx) =>
      updateFlow(tx, world.workspace.id, f.id, { name: 'Welcome', triggers: { welcomeChannels: ['facebook'] }, definition: { start: 'new', steps: [{ id: 'new', type: 'end', message: 'v2 says hi' }] } }),
    );
    expect(described(await kerry.say({ text: 'Track my order' }))[0].text).toBe('What is your order number?');
    expect((await kerry.conversation())!.botState).toMatchObject({ flowVersion: 1 });
    // A new customer gets version 2.
    const other = messengerCustomer(world, fakes);
    expect(described(await other.say({ text: 'hi' }))[0].text).toBe('v2 says hi');
  });

  it('refuses to save a broken flow', async () => {
    await expect(flow(world.workspace.id, 'Loop', { start: 'a', steps: [{ id: 'a', type: 'tag', action: 'add', tag: 'x', next: 'a' }] })).rejects.toThrow(/loop without waiting/);
    await expect(flow(world.workspace.id, 'Missing', { start: 'a', steps: [{ id: 'a', type: 'wait', next: 'nowhere' }] })).rejects.toThrow(/does not exist/);
    expect(await getDb().select().from(conversations).where(eq(conversations.workspaceId, world.workspace.id))).toHaveLength(0);
  });
});
