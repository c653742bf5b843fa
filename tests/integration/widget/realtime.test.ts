import { eq } from 'drizzle-orm';
import type { Channel } from 'pusher-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { realtimeChannels } from '@/lib/realtime/channels';
import { getPusher } from '@/lib/realtime/publisher';
import { addMember, createUser } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { agentReply, createWidgetWorld, newVisitor, resetLimits, sendText, type WidgetClient } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

/** A real pusher-js client whose channel authorization goes through the widget's realtime-auth route. */
function visitorClient(client: WidgetClient, visitorToken: string) {
  return realtime.connect(async (socketId, channelName) => {
    const response = await client.realtimeAuth({
      bearer: visitorToken,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
    });
    const body = await response.json();
    return response.ok ? body : { error: `${response.status} ${body.error}` };
  });
}

function subscribed(channel: Channel) {
  return new Promise<void>((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve());
    channel.bind('pusher:subscription_error', (e: { status?: number; error?: unknown }) =>
      reject(new Error(`subscription refused: ${e.status ?? ''} ${String(e.error ?? '')}`)),
    );
  });
}

describe('widget realtime', () => {
  it('delivers an agent reply live to the visitor authorized through realtime-auth', async () => {
    const { db, workspace, client } = await createWidgetWorld();
    const agent = await createUser(db, 'Ana Agent');
    await addMember(db, workspace.id, agent.id);
    const visitor = await newVisitor(client);
    const sent = await sendText(client, visitor.visitorToken, 'Is the dress in stock?');
    const [row] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));

    const pusher = visitorClient(client, visitor.visitorToken);
    const channel = pusher.subscribe(realtimeChannels.visitor(visitor.visitor.identityId));
    await subscribed(channel);

    const received = nextEvent<{ version: number; message: { id: string; body: string; senderKind: string } }>(channel, 'message.created');
    const reply = await agentReply(workspace.id, row.conversationId, agent.id, { kind: 'text', text: 'Yes, size M is in stock.' });
    const event = await received;
    expect(event.message).toMatchObject({ id: reply.message.id, body: 'Yes, size M is in stock.', senderKind: 'agent' });
    expect(event.version).toBeGreaterThan(0);
  });

  it('never authorizes one visitor on another visitor’s channel', async () => {
    const { client } = await createWidgetWorld();
    const alice = await newVisitor(client);
    const bob = await newVisitor(client);

    const direct = await client.realtimeAuth({
      bearer: bob.visitorToken,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ socket_id: '123.456', channel_name: realtimeChannels.visitor(alice.visitor.identityId) }).toString(),
    });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ code: 'forbidden_channel' });

    for (const name of [realtimeChannels.workspace(alice.visitor.identityId), 'private-anything', realtimeChannels.conversation(alice.visitor.identityId)]) {
      const other = await client.realtimeAuth({ bearer: alice.visitorToken, body: new URLSearchParams({ socket_id: '1.2', channel_name: name }).toString() });
      expect(other.status).toBe(403);
    }
    const noToken = await client.realtimeAuth({ body: new URLSearchParams({ socket_id: '1.2', channel_name: realtimeChannels.visitor(alice.visitor.identityId) }).toString() });
    expect(noToken.status).toBe(401);
    const badSocket = await client.realtimeAuth({
      bearer: alice.visitorToken,
      body: new URLSearchParams({ socket_id: 'x', channel_name: realtimeChannels.visitor(alice.visitor.identityId) }).toString(),
    });
    expect(badSocket.status).toBe(400);

    // And with a real client: Bob's subscription to Alice's channel is refused.
    const pusher = visitorClient(client, bob.visitorToken);
    await expect(subscribed(pusher.subscribe(realtimeChannels.visitor(alice.visitor.identityId)))).rejects.toThrow(/refused/);
  });

  it("opens a conversation's assist channel to its visitor and the shop's agents only, for client events both ways", async () => {
    const { db, workspace, client } = await createWidgetWorld();
    const alice = await newVisitor(client);
    const bob = await newVisitor(client);
    const sent = await sendText(client, alice.visitorToken, 'Can you look at my cart?');
    const [row] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));
    const assistName = realtimeChannels.assist(row.conversationId);

    // Another visitor of the same website is refused, by the route and in a real client.
    const refused = await client.realtimeAuth({
      bearer: bob.visitorToken,
      body: new URLSearchParams({ socket_id: '1.2', channel_name: assistName }).toString(),
    });
    expect(refused.status).toBe(403);
    await expect(subscribed(visitorClient(client, bob.visitorToken).subscribe(assistName))).rejects.toThrow(/refused/);
    // An unknown conversation is refused too.
    const unknown = await client.realtimeAuth({
      bearer: alice.visitorToken,
      body: new URLSearchParams({ socket_id: '1.2', channel_name: realtimeChannels.assist(workspace.id) }).toString(),
    });
    expect(unknown.status).toBe(403);

    const visitorSide = visitorClient(client, alice.visitorToken).subscribe(assistName);
    await subscribed(visitorSide);
    const agentSide = realtime.connect(async (socketId, channelName) => getPusher().authorizeChannel(socketId, channelName)).subscribe(assistName);
    await subscribed(agentSide);

    const toAgent = nextEvent<{ x: number }>(agentSide, 'client-pointer');
    visitorSide.trigger('client-pointer', { x: 12 });
    expect(await toAgent).toEqual({ x: 12 });
    const toVisitor = nextEvent<{ selector: string }>(visitorSide, 'client-highlight');
    agentSide.trigger('client-highlight', { selector: '#cart' });
    expect(await toVisitor).toEqual({ selector: '#cart' });
  });

  it('tells agents on the conversation channel that the visitor is typing', async () => {
    const { db, client } = await createWidgetWorld();
    const visitor = await newVisitor(client);

    // No conversation yet: nothing to publish.
    const early = await client.typing({ bearer: visitor.visitorToken, json: { typing: true } });
    expect(await early.json()).toEqual({ published: false });

    const sent = await sendText(client, visitor.visitorToken, 'hello');
    const [row] = await db.select().from(messages).where(eq(messages.id, sent.body.message.id));
    const agentSide = realtime.connect(async (socketId, channelName) => getPusher().authorizeChannel(socketId, channelName));
    const channel = agentSide.subscribe(realtimeChannels.conversation(row.conversationId));
    await subscribed(channel);

    const typing = nextEvent<{ conversationId: string; typing: boolean }>(channel, 'visitor.typing');
    const response = await client.typing({ bearer: visitor.visitorToken, json: { typing: true } });
    expect(await response.json()).toEqual({ published: true });
    expect(await typing).toMatchObject({ conversationId: row.conversationId, typing: true });

    const bad = await client.typing({ bearer: visitor.visitorToken, json: { typing: 'yes' } });
    expect(bad.status).toBe(400);
  });
});
