import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { collectionPoints, collectionProducts, collections, contactIdentities, conversations, memberships, messages, products, productVariants } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, type FakePlatforms, type MetaSent } from '@/fake-platforms';
import { createFlow } from '@/lib/flows/store';
import type { FlowDefinitionInput } from '@/lib/flows/definition';
import type { FlowTriggers } from '@/db/schema/flows';
import { addMember, createUser } from '../support/fixtures';
import { deliver, settled, waitFor, type ChannelWorld } from '../support/channel-world';

// A shop with a catalogue and flows, and a Messenger customer who talks to it through the
// real webhook route; each `say` waits until the bot's answers reached the fake platform.

export async function seedCatalogue(workspaceId: string) {
  const db = getDb();
  const [shirt] = await db
    .insert(products)
    .values({ workspaceId, sku: 'SHIRT', name: 'Linen shirt', description: 'Breezy', priceMinor: 129000, currency: 'THB', stock: 0, images: ['https://img.test/shirt.jpg'] })
    .returning();
  const [m] = await db.insert(productVariants).values({ workspaceId, productId: shirt.id, sku: 'SHIRT-M', name: 'M', stock: 5 }).returning();
  const [mug] = await db.insert(products).values({ workspaceId, sku: 'MUG', name: 'Ceramic mug', priceMinor: 35000, currency: 'THB', stock: 1 }).returning();
  const [summer] = await db.insert(collections).values({ workspaceId, name: 'Summer' }).returning();
  await db.insert(collectionProducts).values([
    { collectionId: summer.id, productId: shirt.id, position: 0 },
    { collectionId: summer.id, productId: mug.id, position: 1 },
  ]);
  const [point] = await db.insert(collectionPoints).values({ workspaceId, name: 'Siam store', address: 'Siam Square Soi 3' }).returning();
  return { shirt, m, mug, summer, point };
}

export const welcomeDefinition = (collectionId: string): FlowDefinitionInput => ({
  start: 'menu',
  steps: [
    {
      id: 'menu',
      type: 'ask_choice',
      text: 'Hi {{contact.first_name}}! How can I help?',
      options: [
        { title: 'Track my order', payload: 'TRACK_ORDER', next: 'ask_order' },
        { title: 'Browse products', payload: 'BROWSE', next: 'browse' },
        { title: 'Talk to an agent', payload: 'AGENT', next: 'handoff' },
      ],
    },
    { id: 'ask_order', type: 'ask_input', text: 'What is your order number?', input: 'text', saveTo: { kind: 'custom_data', key: 'order_asked' }, next: 'handoff' },
    { id: 'browse', type: 'show_products', text: 'Our summer picks', collectionId, next: 'menu_again' },
    { id: 'menu_again', type: 'wait', next: 'menu' },
    { id: 'handoff', type: 'hand_off', message: 'Connecting you with our team.' },
  ],
});

export const checkoutDefinition: FlowDefinitionInput = {
  start: 'checkout',
  steps: [
    { id: 'checkout', type: 'checkout', next: 'done', onCancel: 'done', onOutOfStock: 'done' },
    { id: 'done', type: 'end' },
  ],
};

export async function flow(workspaceId: string, name: string, definition: FlowDefinitionInput, triggers: FlowTriggers = {}, kind: 'custom' | 'product' | 'collection' = 'custom') {
  return createFlow(getDb(), workspaceId, { name, kind, triggers, definition });
}

export async function onlineMember(workspaceId: string, name: string, role: 'admin' | 'agent' = 'agent'): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), workspaceId, user.id, role);
  await getDb().update(memberships).set({ availability: 'online' }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, user.id)));
  return { workspaceId, actor: { id: user.id, name, email: user.email, role } };
}

/** Waits until no message of the conversation is still waiting to be sent. */
export async function outboxDrained(conversationId: string) {
  return waitFor('bot messages to be sent', async () => {
    const rows = await getDb().select({ status: messages.status }).from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outbound')));
    return rows.every((r) => r.status !== 'queued' && r.status !== 'sending') ? rows : null;
  });
}

let psidCounter = 0;

export function messengerCustomer(world: ChannelWorld, fakes: FakePlatforms, psid = `7770000${String(++psidCounter).padStart(7, '0')}`) {
  const { pageId, secrets, channel } = world.facebook;
  const sentTo = () => fakes.meta.sent.filter((s) => s.recipient === psid);
  /** Sends a message (text, quick reply payload or postback) and returns what the page sent back. */
  const say = async (input: { text?: string; quickReplyPayload?: string; postback?: { title: string; payload: string } }): Promise<MetaSent[]> => {
    const before = sentTo().length;
    const response = await deliver('facebook', channel.id, messengerWebhook({ pageId, psid, ...input }, secrets.appSecret));
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    await settled(channel.id);
    const c = await ownConversation();
    if (c) await outboxDrained(c.id);
    return sentTo().slice(before);
  };
  const ownConversation = async () => {
    const rows = await getDb().select().from(conversations).where(eq(conversations.channelId, channel.id));
    const [identity] = await getDb().select().from(contactIdentities).where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, psid)));
    if (!identity) return null;
    return rows.filter((r) => r.contactId === identity.contactId).sort((a, b) => +b.createdAt - +a.createdAt)[0] ?? null;
  };
  return { psid, say, conversation: ownConversation, sentTo };
}

/** Texts (and quick reply titles) of what Messenger received. */
export function described(sent: MetaSent[]) {
  return sent.map((s) => {
    const m = s.message as { text?: string; quick_replies?: { title: string; payload: string }[]; attachment?: { payload?: { template_type?: string; elements?: { title: string }[]; text?: string; buttons?: { title: string }[] } } };
    if (m.text) return { text: m.text, quickReplies: m.quick_replies?.map((q) => q.title) };
    const p = m.attachment?.payload;
    if (p?.template_type === 'generic') return { card: p.elements?.[0]?.title, buttons: p.elements?.[0] && (p.elements[0] as { buttons?: { title: string }[] }).buttons?.map((b) => b.title) };
    if (p?.template_type === 'button') return { text: p.text, buttons: p.buttons?.map((b) => b.title) };
    return { raw: m };
  });
}
