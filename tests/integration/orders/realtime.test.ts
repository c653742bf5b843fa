import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { createConversationOrder } from '@/lib/commerce/order-create';
import { changeOrderStatus } from '@/lib/commerce/order-status';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

describe('orders reach the open customer panels', () => {
  it('publishes contact.updated (ids only) when an order is created and when it is cancelled', async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Live Orders');
    const agent = await createUser(db, 'Ben');
    await addMember(db, shop.id, agent.id, 'agent');
    const ctx: ActorContext = { workspaceId: shop.id, actor: { id: agent.id, name: 'Ben', email: agent.email, role: 'agent' } };
    const { contact, conversation } = await createConversation(db, shop.id);
    const [hat] = await db.insert(products).values({ workspaceId: shop.id, sku: 'HAT', name: 'Straw sun hat', priceMinor: 79000, currency: 'THB', stock: 2 }).returning();

    const client = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(db, sessionOf(agent), { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = client.subscribe(realtimeChannels.workspace(shop.id));
    await nextEvent(channel, 'pusher:subscription_succeeded');

    const created = nextEvent<Record<string, unknown>>(channel, 'contact.updated');
    const order = await createConversationOrder(db, ctx, { conversationId: conversation.id, items: [{ productId: hat.id, quantity: 1 }], fulfilment: { kind: 'delivery', address: '1 Main St' } });
    expect(await created).toEqual({ contactId: contact.id, updatedAt: expect.any(String) });

    const cancelled = nextEvent<{ contactId: string }>(channel, 'contact.updated');
    await changeOrderStatus(db, ctx, { orderId: order.orderId, from: 'pending_payment', to: 'cancelled' });
    expect((await cancelled).contactId).toBe(contact.id);
  });
});
