import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contacts, conversations, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { getConversationView, getHistoryMessages, getHistoryPage } from '@/lib/inbox/history';
import { createConversation, createWorkspace } from '../support/fixtures';
import { agentOf } from './helpers';

let ctx: ActorContext;
let fixture: Awaited<ReturnType<typeof createConversation>>;

beforeEach(async () => {
  const ws = await createWorkspace(getDb(), 'History Shop');
  ctx = (await agentOf(ws.id, 'Ana')).ctx;
  fixture = await createConversation(getDb(), ws.id);
});

/** `n` messages; every 3 share one timestamp (as WhatsApp's whole seconds do), so seq must break ties. */
async function seedMessages(conversationId: string, n: number, start = Date.parse('2025-03-01T10:00:00Z'), label = 'm') {
  const rows = Array.from({ length: n }, (_, i) => ({
    workspaceId: ctx.workspaceId,
    conversationId,
    channelId: fixture.channel.id,
    direction: (i % 2 ? 'outbound' : 'inbound') as 'inbound' | 'outbound',
    senderKind: (i % 2 ? 'agent' : 'customer') as 'agent' | 'customer',
    kind: 'text' as const,
    body: `${label}${i}`,
    status: (i % 2 ? 'sent' : 'received') as 'sent' | 'received',
    createdAt: new Date(start + Math.floor(i / 3) * 1000),
  }));
  // One row at a time, so seq follows the script order exactly.
  for (const row of rows) await getDb().insert(messages).values(row);
  return rows.map((r) => r.body);
}

describe('history pagination', () => {
  it('pages through the whole history, newest page first, with no gaps, repeats or reordering', async () => {
    const expected = await seedMessages(fixture.conversation.id, 137);

    const view = await getConversationView(getDb(), ctx, fixture.conversation.id, 25);
    expect(view!.messages.map((m) => m.body)).toEqual(expected.slice(-25));
    expect(view!.olderCursor).not.toBeNull();

    const pages: string[][] = [view!.messages.map((m) => m.body!)];
    let cursor = view!.olderCursor;
    while (cursor) {
      const page = await getHistoryPage(getDb(), ctx, { conversationId: fixture.conversation.id, before: cursor, limit: 25 });
      expect(page.messages.length).toBeGreaterThan(0);
      pages.unshift(page.messages.map((m) => m.body!));
      cursor = page.olderCursor;
    }
    expect(pages).toHaveLength(Math.ceil(137 / 25));
    expect(pages.flat()).toEqual(expected);
  });

  it('says there is nothing older when the first page holds everything', async () => {
    await seedMessages(fixture.conversation.id, 10);
    const view = await getConversationView(getDb(), ctx, fixture.conversation.id);
    expect(view!.messages).toHaveLength(10);
    expect(view!.olderCursor).toBeNull();
    const exact = await getHistoryPage(getDb(), ctx, { conversationId: fixture.conversation.id, limit: 10 });
    expect(exact.olderCursor).toBeNull();
  });

  it('refuses malformed cursors and other workspaces’ conversations', async () => {
    await expect(getHistoryPage(getDb(), ctx, { conversationId: fixture.conversation.id, before: 'drop table' })).rejects.toBeInstanceOf(UserError);
    const stranger = { ...ctx, workspaceId: (await createWorkspace(getDb(), 'Other')).id };
    await expect(getHistoryPage(getDb(), stranger, { conversationId: fixture.conversation.id })).rejects.toThrow('This conversation does not exist.');
    expect(await getConversationView(getDb(), stranger, fixture.conversation.id)).toBeNull();
  });

  it('loads the customer’s earlier, resolved conversations, also page by page', async () => {
    // The same customer wrote before; that conversation was resolved.
    await getDb().update(conversations).set({ createdAt: new Date('2025-03-05T00:00:00Z') }).where(eq(conversations.id, fixture.conversation.id));
    const [earlier] = await getDb()
      .insert(conversations)
      .values({
        workspaceId: ctx.workspaceId,
        contactId: fixture.contact.id,
        channelId: fixture.channel.id,
        status: 'resolved',
        handler: 'agent',
        createdAt: new Date('2025-02-01T00:00:00Z'),
        resolvedAt: new Date('2025-02-02T00:00:00Z'),
      })
      .returning();
    const old = await seedMessages(earlier.id, 30, Date.parse('2025-02-01T10:00:00Z'), 'old');
    const current = await seedMessages(fixture.conversation.id, 5, Date.parse('2025-03-05T10:00:00Z'), 'new');
    // Another customer's resolved conversation is not part of this history.
    const [other] = await getDb().insert(contacts).values({ workspaceId: ctx.workspaceId, name: 'Someone else' }).returning();
    const [otherConv] = await getDb()
      .insert(conversations)
      .values({ workspaceId: ctx.workspaceId, contactId: other.id, channelId: fixture.channel.id, status: 'resolved', createdAt: new Date('2025-01-01T00:00:00Z') })
      .returning();
    await seedMessages(otherConv.id, 3, Date.parse('2025-01-01T10:00:00Z'), 'other');

    const view = await getConversationView(getDb(), ctx, fixture.conversation.id);
    expect(view!.messages.map((m) => m.body)).toEqual(current);
    expect(view!.olderCursor).toBeNull();
    expect(view!.previousConversations).toBe(1);

    const first = await getHistoryPage(getDb(), ctx, { conversationId: fixture.conversation.id, scope: 'previous', limit: 20 });
    expect(first.conversations).toEqual([expect.objectContaining({ id: earlier.id, status: 'resolved', channelKind: 'web' })]);
    const second = await getHistoryPage(getDb(), ctx, { conversationId: fixture.conversation.id, scope: 'previous', before: first.olderCursor!, limit: 20 });
    expect(second.olderCursor).toBeNull();
    expect([...second.messages, ...first.messages].map((m) => m.body)).toEqual(old);
  });

  it('returns full messages by id for live updates, only from this conversation', async () => {
    await seedMessages(fixture.conversation.id, 3);
    const view = await getConversationView(getDb(), ctx, fixture.conversation.id);
    const ids = view!.messages.map((m) => m.id);
    const full = await getHistoryMessages(getDb(), ctx, fixture.conversation.id, [ids[2], ids[0]]);
    expect(full.map((m) => m.body)).toEqual(['m0', 'm2']);
    const elsewhere = await createConversation(getDb(), ctx.workspaceId);
    expect(await getHistoryMessages(getDb(), ctx, elsewhere.conversation.id, ids)).toEqual([]);
  });
});
