import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { orders } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { listRecentOrders } from '@/lib/contacts/recent-orders';
import { listConversations } from '@/lib/inbox/list';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';

describe('conversation search by order id', () => {
  it('finds the customer’s conversation by "#number" or the bare number, only in the own workspace', async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Shop');
    const other = await createWorkspace(db, 'Other');
    const agent = await createUser(db, 'Ana');
    await addMember(db, shop.id, agent.id, 'agent');
    const ctx: ActorContext = { workspaceId: shop.id, actor: { id: agent.id, name: 'Ana', email: agent.email, role: 'agent' } };
    const mine = await createConversation(db, shop.id);
    const theirs = await createConversation(db, other.id);
    const [order] = await db
      .insert(orders)
      .values({ workspaceId: shop.id, contactId: mine.contact.id, conversationId: mine.conversation.id, totalMinor: 129000, currency: 'THB' })
      .returning();
    const [foreign] = await db
      .insert(orders)
      .values({ workspaceId: other.id, contactId: theirs.contact.id, conversationId: theirs.conversation.id, totalMinor: 100, currency: 'THB' })
      .returning();

    for (const q of [`#${order.number}`, String(order.number), `order ${order.number}`]) {
      const { rows } = await listConversations(db, ctx, { tab: 'all', q });
      expect(rows.map((r) => r.id), q).toEqual([mine.conversation.id]);
      expect(rows[0].matches).toContainEqual({ kind: 'order', label: 'Order', value: `#${order.number}` });
    }
    expect((await listConversations(db, ctx, { tab: 'all', q: `#${foreign.number}` })).rows).toEqual([]);
    expect((await listConversations(db, ctx, { tab: 'all', q: `#${order.number + 999}` })).rows).toEqual([]);

    const recent = await listRecentOrders(db, ctx, mine.contact.id);
    expect(recent).toEqual([expect.objectContaining({ number: `#${order.number}`, total: '฿1,290.00', status: 'pending payment' })]);
    expect(await listRecentOrders(db, ctx, theirs.contact.id)).toEqual([]);
  });
});
