import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversations, messages, readCursors } from '@/db/schema';
import { addMember, createUser } from '../support/fixtures';
import { startTestRealtime } from '../support/realtime';
import { agentReply, createWidgetWorld, history, newVisitor, resetLimits, sendText } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

async function world() {
  const w = await createWidgetWorld();
  const agent = await createUser(w.db, 'Ana Agent');
  await addMember(w.db, w.workspace.id, agent.id, 'agent');
  return { ...w, agent };
}

describe('widget messages', () => {
  it('stores a message once when it is POSTed twice with the same client id', async () => {
    const { db, channel, client } = await world();
    const visitor = await newVisitor(client);
    const clientId = crypto.randomUUID();

    const first = await sendText(client, visitor.visitorToken, 'Do you ship to Chiang Mai?', clientId);
    expect(first.response.status).toBe(201);
    expect(first.body.message).toMatchObject({ from: 'visitor', clientId, text: 'Do you ship to Chiang Mai?', status: 'sent' });

    const again = await sendText(client, visitor.visitorToken, 'Do you ship to Chiang Mai?', clientId);
    expect(again.response.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);

    const rows = await db.select().from(messages).where(and(eq(messages.channelId, channel.id), eq(messages.direction, 'inbound')));
    expect(rows).toHaveLength(1);
    const [conversation] = await db.select().from(conversations).where(eq(conversations.id, rows[0].conversationId));
    expect(conversation).toMatchObject({ status: 'open', lastMessagePreview: 'Do you ship to Chiang Mai?' });
  });

  it('keeps a quick-reply payload with the text', async () => {
    const { db, client } = await world();
    const visitor = await newVisitor(client);
    const response = await client.send({ bearer: visitor.visitorToken, json: { clientId: crypto.randomUUID(), text: 'Track my order', payload: 'TRACK_ORDER' } });
    expect(response.status).toBe(201);
    const { message } = await response.json();
    const [row] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(row.payload).toEqual({ quickReplyPayload: 'TRACK_ORDER' });
  });

  it('shows the visitor their history with agent replies (quick replies, products) and hides internal notes', async () => {
    const { db, workspace, client, agent } = await world();
    const visitor = await newVisitor(client);
    const sent = await sendText(client, visitor.visitorToken, 'Hello');
    const [conversation] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));

    await agentReply(workspace.id, conversation.conversationId, agent.id, {
      kind: 'text',
      text: 'Hi! Pick one: https://shop.example.com/help',
      quickReplies: [{ title: 'Sizes', payload: 'SIZES' }],
      buttons: [{ title: 'Track', url: 'https://shop.example.com/track' }],
    });
    await agentReply(workspace.id, conversation.conversationId, agent.id, {
      kind: 'product',
      product: { name: 'Linen Wrap Dress', price: '฿1,290', imageUrl: 'https://img.example.com/d.jpg', url: 'https://shop.example.com/d', buyPayload: 'BUY_D' },
    });
    await db.insert(messages).values({
      workspaceId: workspace.id,
      conversationId: conversation.conversationId,
      channelId: conversation.channelId,
      direction: 'internal',
      senderKind: 'agent',
      senderUserId: agent.id,
      kind: 'note',
      body: 'VIP, offer free shipping',
      status: 'sent',
    });
    // A reply still queued (not delivered) is not shown yet.
    const { queueOutbound } = await import('@/lib/outbox/queue');
    await db.transaction((tx) =>
      queueOutbound(tx, { workspaceId: workspace.id, conversationId: conversation.conversationId, sender: { kind: 'agent', userId: agent.id }, content: { kind: 'text', text: 'not yet' } }),
    );

    const { response, body } = await history(client, visitor.visitorToken);
    expect(response.status).toBe(200);
    expect(body.messages.map((m) => m.from)).toEqual(['visitor', 'agent', 'agent']);
    const [, reply, product] = body.messages;
    expect(reply).toMatchObject({
      authorName: 'Ana Agent',
      text: 'Hi! Pick one: https://shop.example.com/help',
      quickReplies: [{ title: 'Sizes', payload: 'SIZES' }],
      buttons: [{ type: 'link', title: 'Track', url: 'https://shop.example.com/track' }],
      status: 'sent',
    });
    expect(product.product).toMatchObject({ name: 'Linen Wrap Dress', price: '฿1,290', buyPayload: 'BUY_D' });
    expect(JSON.stringify(body)).not.toContain('VIP');
  });

  it('pages through older messages with a cursor', async () => {
    const { client } = await world();
    const visitor = await newVisitor(client);
    for (let i = 1; i <= 5; i++) await sendText(client, visitor.visitorToken, `message ${i}`);

    const page1 = await history(client, visitor.visitorToken, { limit: '2' });
    expect(page1.body.messages.map((m) => m.text)).toEqual(['message 4', 'message 5']);
    const page2 = await history(client, visitor.visitorToken, { limit: '2', before: page1.body.olderCursor! });
    expect(page2.body.messages.map((m) => m.text)).toEqual(['message 2', 'message 3']);
    const page3 = await history(client, visitor.visitorToken, { limit: '2', before: page2.body.olderCursor! });
    expect(page3.body.messages.map((m) => m.text)).toEqual(['message 1']);
    expect(page3.body.olderCursor).toBeNull();

    const bad = await history(client, visitor.visitorToken, { before: 'garbage' });
    expect(bad.response.status).toBe(400);
  });

  it('keeps the messages of one bot turn (one transaction, one createdAt) in the order they were written, across pages', async () => {
    const { db, client } = await world();
    const visitor = await newVisitor(client);
    const sent = await sendText(client, visitor.visitorToken, 'Browse products');
    const [first] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));
    const turnAt = new Date(first.createdAt.getTime() + 1000);
    // Written one by one, so seq rises in this order; the uuids give no order at all.
    for (const text of ['Here is our summer collection', 'Linen shirt', 'Straw sun hat', 'Anything else?']) {
      await db.insert(messages).values({
        workspaceId: first.workspaceId,
        conversationId: first.conversationId,
        channelId: first.channelId,
        direction: 'outbound',
        senderKind: 'bot',
        kind: 'text',
        body: text,
        status: 'sent',
        createdAt: turnAt,
      });
    }

    const whole = await history(client, visitor.visitorToken);
    expect(whole.body.messages.map((m) => m.text)).toEqual(['Browse products', 'Here is our summer collection', 'Linen shirt', 'Straw sun hat', 'Anything else?']);
    const newest = await history(client, visitor.visitorToken, { limit: '2' });
    expect(newest.body.messages.map((m) => m.text)).toEqual(['Straw sun hat', 'Anything else?']);
    const older = await history(client, visitor.visitorToken, { limit: '2', before: newest.body.olderCursor! });
    expect(older.body.messages.map((m) => m.text)).toEqual(['Here is our summer collection', 'Linen shirt']);
  });

  it('never shows one visitor another visitor’s history', async () => {
    const { client } = await world();
    const alice = await newVisitor(client);
    const bob = await newVisitor(client);
    await sendText(client, alice.visitorToken, 'my address is 12 Secret Lane');

    const bobs = await history(client, bob.visitorToken);
    expect(bobs.response.status).toBe(200);
    expect(bobs.body.messages).toEqual([]);

    // A visitor of another shop's chat, and no token at all.
    const other = await createWidgetWorld();
    const stranger = await newVisitor(other.client);
    const foreign = await history(client, stranger.visitorToken);
    expect(foreign.response.status).toBe(401);
    const none = await client.history();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'invalid_visitor_token' });
  });

  it('marks replies delivered and read, and shows the visitor when an agent read theirs', async () => {
    const { db, workspace, client, agent } = await world();
    const visitor = await newVisitor(client);
    const sent = await sendText(client, visitor.visitorToken, 'Hi');
    const [row] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));
    const reply = await agentReply(workspace.id, row.conversationId, agent.id, { kind: 'text', text: 'Hello!' });
    expect(reply.status).toBe('sent');

    const delivered = await client.read({ bearer: visitor.visitorToken, json: { status: 'delivered' } });
    expect(await delivered.json()).toEqual({ updated: 1 });
    let [stored] = await db.select().from(messages).where(eq(messages.id, reply.message.id));
    expect(stored.status).toBe('delivered');
    expect(stored.deliveredAt).not.toBeNull();

    await client.read({ bearer: visitor.visitorToken, json: { status: 'read' } });
    [stored] = await db.select().from(messages).where(eq(messages.id, reply.message.id));
    expect(stored.status).toBe('read');
    expect(stored.readAt).not.toBeNull();

    // Another visitor's "read" touches nothing of this conversation.
    const other = await newVisitor(client);
    expect(await (await client.read({ bearer: other.visitorToken, json: {} })).json()).toEqual({ updated: 0 });

    await db.insert(readCursors).values({ conversationId: row.conversationId, userId: agent.id, lastReadAt: new Date() });
    const { body } = await history(client, visitor.visitorToken);
    expect(body.messages[0]).toMatchObject({ from: 'visitor', status: 'read' });
    expect(body.messages[1]).toMatchObject({ from: 'agent', status: 'read' });
  });

  it('refuses bad messages with a clear 4xx', async () => {
    const { client } = await world();
    const visitor = await newVisitor(client);
    const cases: [unknown, number, RegExp][] = [
      [{ clientId: crypto.randomUUID(), text: '   ' }, 400, /Write a message/],
      [{ clientId: 'short', text: 'hi' }, 400, /clientId/],
      [{ clientId: crypto.randomUUID(), text: 'x'.repeat(4001) }, 400, /under 4000/],
      [{ text: 'hi' }, 400, /clientId/],
    ];
    for (const [json, status, message] of cases) {
      const response = await client.send({ bearer: visitor.visitorToken, json });
      expect(response.status).toBe(status);
      expect((await response.json()).error).toMatch(message);
    }
    const plain = await client.send({ bearer: visitor.visitorToken, body: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
  });

  it('rate-limits a visitor who floods the chat', async () => {
    const { client } = await world();
    const visitor = await newVisitor(client);
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++) statuses.push((await sendText(client, visitor.visitorToken, `spam ${i}`)).response.status);
    expect(statuses.slice(0, 15).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(15)).toEqual([429, 429, 429]);
  });
});
