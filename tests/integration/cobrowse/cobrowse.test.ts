import { gzipSync } from 'node:zlib';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channels, messages } from '@/db/schema';
import * as cobrowseRoute from '@/app/api/widget/[token]/cobrowse/route';
import * as snapshotUploadRoute from '@/app/api/widget/[token]/cobrowse/[sessionId]/snapshot/route';
import { runWorkspaceAction, type ActorContext } from '@/lib/auth/action-core';
import { runWorkspaceRoute } from '@/lib/auth/route-core';
import type { SessionUser } from '@/lib/auth/session';
import { agentCobrowseState, cobrowseConversationInput, endCobrowse, requestCobrowse } from '@/lib/cobrowse/agent';
import { cobrowseEvents, type CobrowseSessionView } from '@/lib/cobrowse/protocol';
import { snapshotRouteDefinition, snapshotRouteHandler } from '@/lib/cobrowse/snapshot-route';
import { COBROWSE_SNAPSHOT_MAX_BYTES } from '@/lib/cobrowse/visitor';
import { realtimeChannels } from '@/lib/realtime/channels';
import { getPusher } from '@/lib/realtime/publisher';
import { addMember, createConversation, createUser, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { createWidgetWorld, newVisitor, resetLimits, sendText } from '../widget/helpers';

// Co-browsing's routes and actions: the agent's request only where the website chat offers
// it, the visitor's answer and snapshot behind their own token (caps, another visitor
// refused), the snapshot for members of the workspace only, the status lines and the
// realtime news on both sides.

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

const settings = { title: 'Cobrowse Shop', cobrowse: true };

function routes(token: string) {
  const base = `http://localhost/api/widget/${token}/cobrowse`;
  const auth = (bearer: string | null, extra: Record<string, string> = {}) => ({ ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...extra });
  return {
    state: (bearer: string | null) => cobrowseRoute.GET(new Request(base, { headers: auth(bearer) }), { params: Promise.resolve({ token }) }),
    answer: (bearer: string | null, body: unknown) =>
      cobrowseRoute.POST(new Request(base, { method: 'POST', headers: auth(bearer, { 'content-type': 'application/json' }), body: JSON.stringify(body) }), { params: Promise.resolve({ token }) }),
    snapshot: (bearer: string | null, sessionId: string, body: Uint8Array) =>
      snapshotUploadRoute.POST(new Request(`${base}/${sessionId}/snapshot`, { method: 'POST', headers: auth(bearer, { 'content-type': 'application/octet-stream' }), body: new Blob([new Uint8Array(body)]) }), {
        params: Promise.resolve({ token, sessionId }),
      }),
  };
}

async function world(options: { cobrowse?: boolean } = {}) {
  const w = await createWidgetWorld({ settings: { ...settings, cobrowse: options.cobrowse ?? true } });
  const agent = await createUser(w.db, 'Ana Agent');
  await addMember(w.db, w.workspace.id, agent.id, 'agent');
  const ctx: ActorContext = { workspaceId: w.workspace.id, actor: { id: agent.id, name: 'Ana Agent', email: agent.email, role: 'agent' } };
  const visitor = await newVisitor(w.client);
  const sent = await sendText(w.client, visitor.visitorToken, 'Which size is this?');
  const [row] = await w.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, sent.body.message.id));
  return { ...w, agent, ctx, visitor, conversationId: row.conversationId, cobrowse: routes(w.token) };
}

const page = (at: number) => [
  { type: 4, timestamp: at, data: { href: 'https://shop.example/', width: 1024, height: 700 } },
  { type: 2, timestamp: at + 1, data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } } },
];

async function statusLines(w: Awaited<ReturnType<typeof world>>) {
  const rows = await w.db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.conversationId, w.conversationId), eq(messages.direction, 'internal')))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map((r) => r.body).filter((body) => body?.includes('o-browsing'));
}

describe('co-browsing', () => {
  it('asks, is accepted, takes a snapshot the agent fetches, and ends when the customer stops, with a status line each time', async () => {
    const w = await world();
    const session = await requestCobrowse(w.db, w.ctx, { conversationId: w.conversationId });
    expect(session).toMatchObject({ status: 'requested', requestedBy: 'Ana Agent' });
    // Asking again returns the waiting request rather than a second one.
    expect((await requestCobrowse(w.db, w.ctx, { conversationId: w.conversationId })).id).toBe(session.id);

    const seen = await w.cobrowse.state(w.visitor.visitorToken);
    expect(await seen.json()).toEqual({ session: expect.objectContaining({ id: session.id, status: 'requested', requestedBy: 'Ana', conversationId: w.conversationId }) });

    // Before accepting, no snapshot is kept.
    const early = await w.cobrowse.snapshot(w.visitor.visitorToken, session.id, gzipSync(JSON.stringify(page(Date.now()))));
    expect(early.status).toBe(200);
    expect(await early.json()).toEqual({ stored: false, version: 0 });

    const accepted = await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'accept' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ session: { status: 'active' } });

    const uploaded = await w.cobrowse.snapshot(w.visitor.visitorToken, session.id, gzipSync(JSON.stringify(page(Date.now()))));
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toEqual({ stored: true, version: 1 });

    const member = sessionOf(w.agent);
    const fetched = await runWorkspaceRoute(
      async () => member as SessionUser,
      new Request(`http://localhost/api/w/${w.workspace.id}/cobrowse/${session.id}/snapshot`),
      { params: Promise.resolve({ workspaceId: w.workspace.id, sessionId: session.id }) },
      snapshotRouteDefinition,
      snapshotRouteHandler,
    );
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({ status: 'active', version: 1, events: [{ type: 4 }, { type: 2 }] });

    const stopped = await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'end' });
    expect(await stopped.json()).toMatchObject({ session: { status: 'ended', endedBy: 'customer' } });
    expect(await agentCobrowseState(w.db, w.workspace.id, w.conversationId)).toEqual({ enabled: true, session: null });
    expect(await statusLines(w)).toEqual([
      'Ana Agent asked to see the customer’s page (co-browsing)',
      'The customer accepted co-browsing: their page is shared',
      'Co-browsing ended by the customer',
    ]);
    // Ended: the snapshot is gone and answering again is refused.
    expect((await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'accept' })).status).toBe(409);
  });

  it('tells the agents on the assist channel and the visitor on theirs when the status changes', async () => {
    const w = await world();
    const session = await requestCobrowse(w.db, w.ctx, { conversationId: w.conversationId });
    await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'accept' });
    const listener = realtime.connect(async (socketId, channelName) => getPusher().authorizeChannel(socketId, channelName));
    const assist = listener.subscribe(realtimeChannels.assist(w.conversationId));
    const mine = listener.subscribe(realtimeChannels.visitor(w.visitor.visitor.identityId));
    await Promise.all([nextEvent(assist, 'pusher:subscription_succeeded'), nextEvent(mine, 'pusher:subscription_succeeded')]);
    const onAssist = nextEvent<CobrowseSessionView>(assist, cobrowseEvents.changed);
    const onVisitor = nextEvent<CobrowseSessionView>(mine, cobrowseEvents.changed);
    expect(await endCobrowse(w.db, w.ctx, { conversationId: w.conversationId })).toEqual({ ended: true });
    expect(await onAssist).toMatchObject({ id: session.id, status: 'ended', endedBy: 'agent' });
    expect(await onVisitor).toMatchObject({ id: session.id, status: 'ended' });
    expect((await statusLines(w)).at(-1)).toBe('Ana Agent ended co-browsing');
    listener.disconnect();
  });

  it('is refused where the website chat does not offer it, outside website chats and in another workspace', async () => {
    const off = await world({ cobrowse: false });
    await expect(requestCobrowse(off.db, off.ctx, { conversationId: off.conversationId })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await agentCobrowseState(off.db, off.workspace.id, off.conversationId)).toEqual({ enabled: false, session: null });
    expect(await (await off.cobrowse.state(off.visitor.visitorToken)).json()).toEqual({ session: null });

    // Turned off while a request waits: the visitor's answer is refused.
    const w = await world();
    const session = await requestCobrowse(w.db, w.ctx, { conversationId: w.conversationId });
    await w.db.update(channels).set({ settings: { ...settings, cobrowse: false } }).where(eq(channels.id, w.channel.id));
    const refused = await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'accept' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'cobrowse_off' });

    // A Messenger conversation (not a website chat) is refused too.
    const other = await createConversation(w.db, w.workspace.id);
    await w.db.update(channels).set({ kind: 'facebook', settings: { cobrowse: true } }).where(eq(channels.id, other.channel.id));
    await expect(requestCobrowse(w.db, w.ctx, { conversationId: other.conversation.id })).rejects.toMatchObject({ code: 'invalid' });

    // The server action checks membership: an agent of another workspace is refused.
    const stranger = await createUser(w.db, 'Sam Stranger');
    const asStranger = await runWorkspaceAction(sessionOf(stranger), { workspaceId: w.workspace.id, conversationId: w.conversationId }, { input: cobrowseConversationInput, role: 'agent' as const }, (input, ctx) =>
      requestCobrowse(w.db, ctx, input),
    );
    expect(asStranger).toMatchObject({ ok: false, code: 'forbidden' });
    const other2 = await world();
    await expect(requestCobrowse(w.db, other2.ctx, { conversationId: w.conversationId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses another visitor, a missing token, an oversized or malformed snapshot, and the snapshot route to strangers', async () => {
    const w = await world();
    const session = await requestCobrowse(w.db, w.ctx, { conversationId: w.conversationId });
    const eve = await newVisitor(w.client);
    expect(await (await w.cobrowse.state(eve.visitorToken)).json()).toEqual({ session: null });
    const hijack = await w.cobrowse.answer(eve.visitorToken, { sessionId: session.id, answer: 'accept' });
    expect(hijack.status).toBe(404);
    expect((await w.cobrowse.answer(null, { sessionId: session.id, answer: 'accept' })).status).toBe(401);
    expect((await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'maybe' })).status).toBe(400);

    await w.cobrowse.answer(w.visitor.visitorToken, { sessionId: session.id, answer: 'accept' });
    expect((await w.cobrowse.snapshot(eve.visitorToken, session.id, gzipSync(JSON.stringify(page(Date.now()))))).status).toBe(404);
    const tooBig = await w.cobrowse.snapshot(w.visitor.visitorToken, session.id, new Uint8Array(COBROWSE_SNAPSHOT_MAX_BYTES + 1));
    expect(tooBig.status).toBe(413);
    const notGzip = await w.cobrowse.snapshot(w.visitor.visitorToken, session.id, new TextEncoder().encode('[]'));
    expect(notGzip.status).toBe(400);
    const noPage = await w.cobrowse.snapshot(w.visitor.visitorToken, session.id, gzipSync(JSON.stringify([{ type: 3, timestamp: Date.now(), data: {} }])));
    expect(noPage.status).toBe(400);

    const stranger = await createUser(w.db, 'Other Shop Agent');
    const get = (user: SessionUser | null) =>
      runWorkspaceRoute(
        async () => user,
        new Request(`http://localhost/api/w/${w.workspace.id}/cobrowse/${session.id}/snapshot`),
        { params: Promise.resolve({ workspaceId: w.workspace.id, sessionId: session.id }) },
        snapshotRouteDefinition,
        snapshotRouteHandler,
      );
    expect((await get(null)).status).toBe(401);
    expect((await get(sessionOf(stranger))).status).toBe(404);
    // Ended: nothing of the page is kept.
    await endCobrowse(w.db, w.ctx, { conversationId: w.conversationId });
    const ended = await get(sessionOf(w.agent));
    expect(await ended.json()).toEqual({ status: 'ended', version: 0, events: [] });
  });
});
