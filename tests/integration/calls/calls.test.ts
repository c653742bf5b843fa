import { createHmac } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Channel } from 'pusher-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as callRoute from '@/app/api/widget/[token]/call/route';
import { callSettings, calls, channels, messages } from '@/db/schema';
import { runWorkspaceAction, type ActorContext } from '@/lib/auth/action-core';
import { endCallAsAgent, endCallInput } from '@/lib/calls/agent-end';
import { runWorkspaceRoute } from '@/lib/auth/route-core';
import { hangupRouteDefinition, hangupRouteHandler } from '@/lib/calls/hangup-route';
import { callSettingsInput, getCallSettings, iceServersFor, saveCallSettings } from '@/lib/calls/settings';
import { startCall, startCallInput } from '@/lib/calls/start';
import { getDb } from '@/lib/db';
import { realtimeChannels } from '@/lib/realtime/channels';
import { channelOccupied } from '@/lib/realtime/publisher';
import { waitFor } from '../../support/wait-for';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { createWidgetWorld, newVisitor, resetLimits, sendText, type WidgetClient } from '../widget/helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

const callsOn = { color: '#0f766e', title: 'Widget Shop', greeting: 'Hello!', calls: true };

/** The real widget route handlers of /api/widget/{token}/call. */
function callClient(token: string) {
  const url = `http://localhost/api/widget/${token}/call`;
  const params = { params: Promise.resolve({ token }) };
  const headers = (bearer: string | null) => ({ 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) });
  return {
    current: (bearer: string | null) => callRoute.GET(new Request(url, { headers: headers(bearer) }), params),
    act: (bearer: string | null, body: unknown) => callRoute.POST(new Request(url, { method: 'POST', headers: headers(bearer), body: JSON.stringify(body) }), params),
  };
}

/** A shop with calls on, its agent, and a visitor with an open conversation. */
async function callWorld(settings: Record<string, unknown> = callsOn) {
  const world = await createWidgetWorld({ settings });
  const user = await createUser(world.db, 'Ana Agent');
  await addMember(world.db, world.workspace.id, user.id, 'agent');
  const visitor = await newVisitor(world.client);
  const sent = await sendText(world.client, visitor.visitorToken, 'Can you show me the dress?');
  const [row] = await world.db.select().from(messages).where(eq(messages.id, sent.body.message.id));
  const ctx: ActorContext = { workspaceId: world.workspace.id, actor: { id: user.id, name: 'Ana Agent', email: user.email, role: 'agent' } };
  return { ...world, user, ctx, visitor, conversationId: row.conversationId, call: callClient(world.token) };
}

const start = (user: { id: string; name: string; email: string } | null, workspaceId: string, conversationId: string, kind: 'video' | 'voice' = 'video') =>
  runWorkspaceAction(user ? sessionOf(user) : null, { workspaceId, conversationId, kind }, { input: startCallInput, role: 'agent' }, (input, ctx) => startCall(getDb(), ctx, input));

const end = (user: { id: string; name: string; email: string }, workspaceId: string, callId: string, reason?: 'hangup' | 'missed') =>
  runWorkspaceAction(sessionOf(user), { workspaceId, callId, ...(reason ? { reason } : {}) }, { input: endCallInput, role: 'agent' }, (input, ctx) => endCallAsAgent(getDb(), ctx, input));

async function statusLines(conversationId: string) {
  const rows = await getDb()
    .select({ body: messages.body, payload: messages.payload })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'status')))
    .orderBy(asc(messages.createdAt));
  // The calls' own lines (the conversation's opening wrote "New request" before them).
  return rows.filter((r) => String((r.payload as { event?: string }).event).startsWith('call_'));
}

function visitorPusher(client: WidgetClient, visitorToken: string) {
  return realtime.connect(async (socketId, channelName) => {
    const response = await client.realtimeAuth({ bearer: visitorToken, body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString() });
    const body = await response.json();
    return response.ok ? body : { error: `${response.status} ${body.error}` };
  });
}

function subscribed(channel: Channel) {
  return new Promise<void>((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve());
    channel.bind('pusher:subscription_error', (e: { status?: number }) => reject(new Error(`subscription refused: ${e.status ?? ''}`)));
  });
}

describe('starting a call (agent)', () => {
  it('checks the session, the membership and the workspace of the conversation', async () => {
    const w = await callWorld();
    expect(await start(null, w.workspace.id, w.conversationId)).toMatchObject({ ok: false, code: 'unauthenticated' });

    const other = await createWorkspace(w.db, 'Other shop');
    const stranger = await createUser(w.db, 'Sam Stranger');
    await addMember(w.db, other.id, stranger.id, 'admin');
    expect(await start(stranger, w.workspace.id, w.conversationId)).toMatchObject({ ok: false, code: 'forbidden' });
    // A member of another workspace naming this conversation under their own: not found.
    expect(await start(stranger, other.id, w.conversationId)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await w.db.select().from(calls).where(eq(calls.conversationId, w.conversationId))).toEqual([]);
  });

  it('refuses while the channel has calls off (the default), and outside website chats', async () => {
    const off = await callWorld({ color: '#0f766e', title: 'Widget Shop', greeting: 'Hello!' });
    expect(await start(off.user, off.workspace.id, off.conversationId)).toMatchObject({
      ok: false,
      code: 'forbidden',
      error: 'Calls are turned off for this website chat. An admin can turn them on in its settings.',
    });

    const { conversation, channel } = await createConversation(off.db, off.workspace.id);
    await off.db.update(channels).set({ kind: 'facebook', settings: callsOn }).where(eq(channels.id, channel.id));
    expect(await start(off.user, off.workspace.id, conversation.id)).toMatchObject({ ok: false, code: 'invalid', error: 'Calls are only possible in website chat conversations.' });
  });

  it('rings the visitor on their own channel, writes "Video call started", and refuses a second call clearly', async () => {
    const w = await callWorld();
    const pusher = visitorPusher(w.client, w.visitor.visitorToken);
    const own = pusher.subscribe(realtimeChannels.visitor(w.visitor.visitor.identityId));
    await subscribed(own);
    const ringing = nextEvent<{ id: string; kind: string; agentName: string; conversationId: string }>(own, 'call.ringing');

    const started = await start(w.user, w.workspace.id, w.conversationId);
    expect(started).toMatchObject({ ok: true, data: { conversationId: w.conversationId, kind: 'video', iceServers: [] } });
    const callId = started.ok ? started.data.callId : '';
    expect(await ringing).toEqual({ id: callId, conversationId: w.conversationId, kind: 'video', status: 'ringing', agentName: 'Ana Agent' });
    expect((await statusLines(w.conversationId)).map((l) => l.body)).toEqual(['Video call started']);

    const admin = await createUser(w.db, 'Ben Admin');
    await addMember(w.db, w.workspace.id, admin.id, 'admin');
    expect(await start(admin, w.workspace.id, w.conversationId, 'voice')).toMatchObject({ ok: false, code: 'conflict', error: 'A call is already ringing in this conversation.' });
    expect((await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' })).status).toBe(200);
    // The visitor's page is in the call (on the assist channel): the call is live.
    await subscribed(pusher.subscribe(realtimeChannels.assist(w.conversationId)));
    expect(await start(admin, w.workspace.id, w.conversationId, 'voice')).toMatchObject({ ok: false, code: 'conflict', error: 'A call is already in progress in this conversation.' });
    pusher.disconnect();
  });

  it('ends an answered call nobody is in any more (both pages gone without a word) when the next one starts', async () => {
    const w = await callWorld();
    const first = await start(w.user, w.workspace.id, w.conversationId);
    const firstId = first.ok ? first.data.callId : '';
    const pusher = visitorPusher(w.client, w.visitor.visitorToken);
    await subscribed(pusher.subscribe(realtimeChannels.assist(w.conversationId)));
    expect((await w.call.act(w.visitor.visitorToken, { callId: firstId, action: 'accept' })).status).toBe(200);
    // Both pages die: no hang-up, no beacon; the assist channel empties.
    pusher.disconnect();
    await waitFor('the assist channel to empty', async () => (await channelOccupied(realtimeChannels.assist(w.conversationId))) === false);

    const second = await start(w.user, w.workspace.id, w.conversationId, 'voice');
    expect(second).toMatchObject({ ok: true, data: { kind: 'voice' } });
    const [old] = await w.db.select().from(calls).where(eq(calls.id, firstId));
    expect(old).toMatchObject({ status: 'ended', endReason: 'hangup', endedBy: 'system' });
    expect((await statusLines(w.conversationId)).map((l) => l.body)).toEqual(['Video call started', expect.stringMatching(/^Call ended · /), 'Voice call started']);
  });
});

describe('answering and ending a call (visitor and agent)', () => {
  it('the visitor sees the ringing call, accepts it with the call’s servers, and the agent’s hang-up writes the duration', async () => {
    const w = await callWorld();
    const started = await start(w.user, w.workspace.id, w.conversationId);
    const callId = started.ok ? started.data.callId : '';

    const current = await w.call.current(w.visitor.visitorToken);
    expect(await current.json()).toEqual({ call: { id: callId, conversationId: w.conversationId, kind: 'video', status: 'ringing', agentName: 'Ana Agent' } });

    // The agent's side waits on the assist channel for the answer before it sends its offer.
    const visitorSide = visitorPusher(w.client, w.visitor.visitorToken);
    const assist = visitorSide.subscribe(realtimeChannels.assist(w.conversationId));
    await subscribed(assist);
    const answered = nextEvent<{ id: string }>(assist, 'call.answered');
    const accepted = await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ status: 'active', join: { callId, conversationId: w.conversationId, kind: 'video', iceServers: [] } });
    expect(await answered).toEqual({ id: callId });

    // 3 min 12 s later (the answer moved back rather than waiting).
    await w.db.update(calls).set({ answeredAt: new Date(Date.now() - 192_000) }).where(eq(calls.id, callId));
    const ended = nextEvent<{ id: string; reason: string; endedBy: string }>(assist, 'call.ended');
    expect(await end(w.user, w.workspace.id, callId)).toEqual({ ok: true, data: { status: 'ended' } });
    expect(await ended).toEqual({ id: callId, reason: 'hangup', endedBy: 'agent' });
    const lines = await statusLines(w.conversationId);
    expect(lines.map((l) => l.body)).toEqual(['Video call started', 'Call ended · 3 min 12 s']);
    expect(lines[1].payload).toMatchObject({ event: 'call_ended', callId, reason: 'hangup', endedBy: 'agent' });
    expect((lines[1].payload as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(192_000);

    // Both sides may hang up at once: the second is a no-op, with no second line.
    expect(await (await w.call.act(w.visitor.visitorToken, { callId, action: 'hangup' })).json()).toEqual({ status: 'ended' });
    expect(await statusLines(w.conversationId)).toHaveLength(2);
    // An ended call cannot be answered.
    const late = await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'call_ended', error: 'This call has ended.' });
    expect(await (await w.call.current(w.visitor.visitorToken)).json()).toEqual({ call: null });
    visitorSide.disconnect();
  });

  it('the visitor’s hang-up of a voice call and their decline write their lines', async () => {
    const w = await callWorld();
    const voice = await start(w.user, w.workspace.id, w.conversationId, 'voice');
    const voiceId = voice.ok ? voice.data.callId : '';
    await w.call.act(w.visitor.visitorToken, { callId: voiceId, action: 'accept' });
    expect(await (await w.call.act(w.visitor.visitorToken, { callId: voiceId, action: 'hangup' })).json()).toEqual({ status: 'ended' });

    const video = await start(w.user, w.workspace.id, w.conversationId);
    const videoId = video.ok ? video.data.callId : '';
    expect(await (await w.call.act(w.visitor.visitorToken, { callId: videoId, action: 'decline' })).json()).toEqual({ status: 'ended' });
    const [row] = await w.db.select().from(calls).where(eq(calls.id, videoId));
    expect(row).toMatchObject({ status: 'ended', endReason: 'declined', endedBy: 'visitor', answeredAt: null });
    expect((await statusLines(w.conversationId)).map((l) => l.body)).toEqual(['Voice call started', 'Call ended · 0 s', 'Video call started', 'Call declined']);
  });

  it('a call unanswered when the ring times out is a missed call; one answered meanwhile goes on', async () => {
    const w = await callWorld();
    const first = await start(w.user, w.workspace.id, w.conversationId);
    const firstId = first.ok ? first.data.callId : '';
    expect(await end(w.user, w.workspace.id, firstId, 'missed')).toEqual({ ok: true, data: { status: 'ended' } });

    const second = await start(w.user, w.workspace.id, w.conversationId);
    const secondId = second.ok ? second.data.callId : '';
    await w.call.act(w.visitor.visitorToken, { callId: secondId, action: 'accept' });
    expect(await end(w.user, w.workspace.id, secondId, 'missed')).toEqual({ ok: true, data: { status: 'active' } });
    expect(await end(w.user, w.workspace.id, secondId)).toEqual({ ok: true, data: { status: 'ended' } });

    // A ring whose agent tab closed is counted missed when the next call starts.
    const third = await start(w.user, w.workspace.id, w.conversationId);
    const thirdId = third.ok ? third.data.callId : '';
    await w.db.update(calls).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(calls.id, thirdId));
    expect(await start(w.user, w.workspace.id, w.conversationId, 'voice')).toMatchObject({ ok: true });
    const [stale] = await w.db.select().from(calls).where(eq(calls.id, thirdId));
    expect(stale).toMatchObject({ status: 'ended', endReason: 'missed', endedBy: 'system' });
    expect((await statusLines(w.conversationId)).map((l) => l.body)).toEqual([
      'Video call started',
      'Missed call',
      'Video call started',
      'Call ended · 0 s',
      'Video call started',
      'Missed call',
      'Voice call started',
    ]);
  });

  it('checks the visitor’s token and that the call is in their own conversation', async () => {
    const w = await callWorld();
    const started = await start(w.user, w.workspace.id, w.conversationId);
    const callId = started.ok ? started.data.callId : '';
    expect((await w.call.act(null, { callId, action: 'accept' })).status).toBe(401);
    expect((await w.call.act('not-a-token', { callId, action: 'accept' })).status).toBe(401);
    expect((await w.call.current(null)).status).toBe(401);

    const other = await newVisitor(w.client);
    await sendText(w.client, other.visitorToken, 'Me too');
    const theirs = await w.call.act(other.visitorToken, { callId, action: 'accept' });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ code: 'call_not_found' });
    expect(await (await w.call.current(other.visitorToken)).json()).toEqual({ call: null });
    expect((await w.call.act(w.visitor.visitorToken, { callId, action: 'answer' })).status).toBe(400);

    // Another channel's token for the same call id: not found there either.
    const elsewhere = await callWorld();
    expect((await elsewhere.call.act(elsewhere.visitor.visitorToken, { callId, action: 'decline' })).status).toBe(404);
    const [row] = await w.db.select().from(calls).where(eq(calls.id, callId));
    expect(row.status).toBe('ringing');
  });

  it('refuses an answer once the channel’s calls were turned off, and the agent’s end of another workspace’s call', async () => {
    const w = await callWorld();
    const started = await start(w.user, w.workspace.id, w.conversationId);
    const callId = started.ok ? started.data.callId : '';
    const other = await callWorld();
    expect(await end(other.user, other.workspace.id, callId)).toMatchObject({ ok: false, code: 'not_found' });

    await w.db.update(channels).set({ settings: { ...callsOn, calls: false } }).where(eq(channels.id, w.channel.id));
    const refused = await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'calls_off' });
    // Hanging up is still possible, so nothing is left ringing.
    expect(await (await w.call.act(w.visitor.visitorToken, { callId, action: 'decline' })).json()).toEqual({ status: 'ended' });
  });
});

describe('call servers (admin)', () => {
  it('seals the TURN password, shows the page only whether one is set, and hands it to the two sides of a call', async () => {
    const w = await callWorld();
    const admin = await createUser(w.db, 'Ben Admin');
    await addMember(w.db, w.workspace.id, admin.id, 'admin');
    const save = (user: typeof admin, input: Record<string, unknown>) =>
      runWorkspaceAction(sessionOf(user), { workspaceId: w.workspace.id, ...input }, { input: callSettingsInput, role: 'admin' }, (i, ctx) => saveCallSettings(getDb(), ctx, i));

    const servers = { stunUrls: 'stun:stun.example.com:3478', turnUrls: 'turn:turn.example.com:3478?transport=udp\nturns:turn.example.com:5349', turnUsername: 'baton', turnCredential: 'pa55-word' };
    expect(await save(w.user, servers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await save(admin, { stunUrls: 'https://stun.example.com' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await save(admin, servers)).toEqual({
      ok: true,
      data: { stunUrls: ['stun:stun.example.com:3478'], turnUrls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'], turnAuth: 'password', turnUsername: 'baton', turnCredentialSet: true },
    });
    const [row] = await w.db.select().from(callSettings).where(eq(callSettings.workspaceId, w.workspace.id));
    expect(row.turnCredentialEncrypted).not.toContain('pa55-word');
    expect(JSON.stringify(await getCallSettings(w.db, w.ctx))).not.toContain('pa55-word');
    // An empty password keeps the stored one.
    expect(await save(admin, { ...servers, turnCredential: '' })).toMatchObject({ ok: true, data: { turnCredentialSet: true } });

    const expected = [
      { urls: ['stun:stun.example.com:3478'] },
      { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'], username: 'baton', credential: 'pa55-word' },
    ];
    const started = await start(w.user, w.workspace.id, w.conversationId);
    expect(started).toMatchObject({ ok: true, data: { iceServers: expected } });
    const callId = started.ok ? started.data.callId : '';
    expect(await (await w.call.current(w.visitor.visitorToken)).text()).not.toContain('pa55-word');
    expect(await (await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' })).json()).toMatchObject({ join: { iceServers: expected } });

    expect(await save(admin, { ...servers, turnCredential: '', clearTurnCredential: 'on' })).toMatchObject({ ok: true, data: { turnCredentialSet: false } });
  });

  it('with a shared secret, each side of a call gets a user name and password of its own that expire; the secret never leaves', async () => {
    const w = await callWorld();
    const admin = await createUser(w.db, 'Cleo Admin');
    await addMember(w.db, w.workspace.id, admin.id, 'admin');
    const saved = await runWorkspaceAction(
      sessionOf(admin),
      { workspaceId: w.workspace.id, turnUrls: 'turn:turn.example.com:3478', turnAuth: 'shared_secret', turnUsername: 'ignored', turnCredential: 'north-wind' },
      { input: callSettingsInput, role: 'admin' },
      (i, ctx) => saveCallSettings(getDb(), ctx, i),
    );
    expect(saved).toEqual({ ok: true, data: { stunUrls: [], turnUrls: ['turn:turn.example.com:3478'], turnAuth: 'shared_secret', turnUsername: '', turnCredentialSet: true } });

    const before = Math.floor(Date.now() / 1000);
    const started = await start(w.user, w.workspace.id, w.conversationId);
    if (!started.ok) throw new Error(started.error);
    const callId = started.data.callId;
    const joined = (await (await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' })).json()) as { join: { iceServers: { urls: string[]; username: string; credential: string }[] } };
    const sides = { agent: started.data.iceServers[0] as { urls: string[]; username: string; credential: string }, visitor: joined.join.iceServers[0] };
    for (const [side, server] of Object.entries(sides)) {
      const [expiry, ...subject] = server.username.split(':');
      expect(subject.join(':')).toBe(`${callId}:${side}`);
      // Valid for 12 hours from now, then the TURN server refuses it.
      expect(Number(expiry) - before).toBeGreaterThanOrEqual(12 * 3600);
      expect(Number(expiry) - before).toBeLessThanOrEqual(12 * 3600 + 60);
      expect(server).toEqual({ urls: ['turn:turn.example.com:3478'], username: server.username, credential: createHmac('sha1', 'north-wind').update(server.username).digest('base64') });
    }
    expect(sides.agent.credential).not.toBe(sides.visitor.credential);
    expect(JSON.stringify(sides)).not.toContain('north-wind');
    expect(JSON.stringify(await getCallSettings(w.db, w.ctx))).not.toContain('north-wind');

    // Back to one password for everyone, none typed: the secret is dropped, never handed out as the password.
    const back = await runWorkspaceAction(
      sessionOf(admin),
      { workspaceId: w.workspace.id, turnUrls: 'turn:turn.example.com:3478', turnAuth: 'password', turnUsername: 'shop' },
      { input: callSettingsInput, role: 'admin' },
      (i, ctx) => saveCallSettings(getDb(), ctx, i),
    );
    expect(back).toMatchObject({ ok: true, data: { turnAuth: 'password', turnCredentialSet: false } });
    expect(await iceServersFor(w.db, w.workspace.id, 'any')).toEqual([{ urls: ['turn:turn.example.com:3478'], username: 'shop' }]);
  });
});

describe('the agent page’s hang-up as it unloads (sendBeacon route)', () => {
  const beacon = (user: { id: string; name: string; email: string } | null, workspaceId: string, callId: string, origin = 'http://localhost') =>
    runWorkspaceRoute(
      async () => (user ? sessionOf(user) : null),
      new Request(`http://localhost/api/w/${workspaceId}/calls/${callId}/hangup`, { method: 'POST', headers: { origin, host: 'localhost' } }),
      { params: Promise.resolve({ workspaceId, callId }) },
      hangupRouteDefinition,
      hangupRouteHandler,
    );

  it('ends the call for a signed-in member of its workspace only, from the app itself', async () => {
    const w = await callWorld();
    const started = await start(w.user, w.workspace.id, w.conversationId);
    const callId = started.ok ? started.data.callId : '';
    await w.call.act(w.visitor.visitorToken, { callId, action: 'accept' });

    expect((await beacon(null, w.workspace.id, callId)).status).toBe(401);
    expect((await beacon(w.user, w.workspace.id, callId, 'https://evil.example')).status).toBe(403);
    const other = await callWorld();
    expect((await beacon(other.user, other.workspace.id, callId)).status).toBe(404);
    expect((await beacon(other.user, w.workspace.id, callId)).status).toBe(403);
    const [still] = await w.db.select().from(calls).where(eq(calls.id, callId));
    expect(still.status).toBe('active');

    const ended = await beacon(w.user, w.workspace.id, callId);
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ok: true, data: { status: 'ended' } });
    expect((await statusLines(w.conversationId)).map((l) => l.body)).toEqual(['Video call started', 'Call ended · 0 s']);
  });
});
