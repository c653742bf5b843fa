import { AsyncLocalStorage } from 'node:async_hooks';
import { eq } from 'drizzle-orm';
import Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { reconnectWhenTerminated } from '@/components/realtime/reconnect';
import { getDb } from '@/lib/db';
import { conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { SessionUser } from '@/lib/auth/session';
import { sendReply } from '@/lib/inbox/send-reply';
import { setMemberActive } from '@/lib/members/manage';
import { notify } from '@/lib/notifications/create';
import { realtimeChannels } from '@/lib/realtime/channels';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { startTestRealtime } from '../support/realtime';
import { FrameRecorder, within } from '../realtime/helpers';

// The session comes from Auth.js cookies, which exist only inside Next. Each simulated
// browser carries its own, so concurrent authorization requests never see each other's.
const browserSession = new AsyncLocalStorage<SessionUser>();
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => browserSession.getStore() ?? null }));

const { POST: channelAuthRoute } = await import('@/app/api/realtime/auth/route');
const { POST: userAuthRoute } = await import('@/app/api/realtime/user-auth/route');

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

const browsers: Array<{ client: Pusher; stop: () => void }> = [];
afterEach(() => {
  for (const { client, stop } of browsers.splice(0)) {
    stop();
    client.disconnect();
  }
});

/** Calls a route handler as pusher-js's ajax transport would, as `user`'s browser. */
async function callRoute(
  route: (request: Request) => Promise<Response>,
  user: SessionUser | null,
  form: Record<string, string>,
) {
  const request = new Request('http://baton.test/api/realtime', { method: 'POST', body: new URLSearchParams(form) });
  const response = user ? await browserSession.run(user, () => route(request)) : await route(request);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

function viaRoute(route: (request: Request) => Promise<Response>, user: SessionUser, form: Record<string, string>) {
  return (callback: (error: Error | null, data: never) => void) => {
    callRoute(route, user, form).then(
      ({ status, body }) =>
        status === 200 ? callback(null, body as never) : callback(new Error(`${status} ${body.error}`), null as never),
      (error: Error) => callback(error, null as never),
    );
  };
}

/**
 * The inbox's pusher-js client as components/realtime/realtime-provider.tsx builds it:
 * channels authorized and the user signed in through the app's own routes, reconnecting
 * after the server terminates it (short delays here, the same logic).
 */
function browserOf(user: SessionUser) {
  const client = new Pusher(process.env.PUSHER_KEY!, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: realtime.server.port,
    wssPort: realtime.server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      endpoint: '/api/realtime/auth',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) =>
        viaRoute(channelAuthRoute, user, { socket_id: socketId, channel_name: channelName })(callback),
    },
    userAuthentication: {
      endpoint: '/api/realtime/user-auth',
      transport: 'ajax',
      customHandler: ({ socketId }, callback) => viaRoute(userAuthRoute, user, { socket_id: socketId })(callback),
    },
  });
  const frames = new FrameRecorder(client);
  client.signin();
  const stop = reconnectWhenTerminated(client, { firstMs: 50, maxMs: 1_000, stableMs: 30_000 });
  browsers.push({ client, stop });
  return { client, frames };
}

type Outcome = 'subscribed' | 'refused';

/**
 * Subscribes and records every outcome of the channel's (re-)subscriptions, in order:
 * pusher-js re-subscribes by itself after a reconnect.
 */
function follow(client: Pusher, name: string) {
  const channel = client.subscribe(name);
  const outcomes: Outcome[] = [];
  const waiters: Array<() => void> = [];
  const record = (result: Outcome) => {
    outcomes.push(result);
    for (const wake of waiters.splice(0)) wake();
  };
  channel.bind('pusher:subscription_succeeded', () => record('subscribed'));
  channel.bind('pusher:subscription_error', () => record('refused'));
  return {
    name,
    /** The n-th outcome (1-based), waiting for it if needed. */
    async nth(n: number): Promise<Outcome> {
      while (outcomes.length < n) {
        await within(new Promise<void>((resolve) => waiters.push(resolve)), `outcome ${n} of ${name}`);
      }
      return outcomes[n - 1];
    },
  };
}

function state(client: Pusher, wanted: string, label: string) {
  return within(
    new Promise<void>((resolve) => {
      if (client.connection.state === wanted) resolve();
      client.connection.bind('state_change', ({ current }: { current: string }) => current === wanted && resolve());
    }),
    label,
  );
}

async function world() {
  const db = getDb();
  const shopA = await createWorkspace(db, 'Shop A');
  const shopB = await createWorkspace(db, 'Shop B');
  const boss = await createUser(db, 'Boss');
  const ana = await createUser(db, 'Ana');
  await addMember(db, shopA.id, boss.id, 'admin');
  await addMember(db, shopA.id, ana.id, 'agent');
  await addMember(db, shopB.id, ana.id, 'agent');
  const { conversation: convA } = await createConversation(db, shopA.id);
  // Ana handles it: deactivating her writes a status line into it.
  await db.update(conversations).set({ handler: 'agent', assigneeId: ana.id }).where(eq(conversations.id, convA.id));
  const bossCtx: ActorContext = { workspaceId: shopA.id, actor: { ...sessionOf(boss), role: 'admin' } };
  const channelsOfA = [
    realtimeChannels.workspace(shopA.id),
    realtimeChannels.workspacePresence(shopA.id),
    realtimeChannels.conversation(convA.id),
    realtimeChannels.conversationPresence(convA.id),
  ];
  return { shopA, shopB, boss: sessionOf(boss), ana: sessionOf(ana), convA, bossCtx, channelsOfA };
}

describe('a deactivated member and realtime', () => {
  it('is refused every channel kind of that workspace; their own user channel stays and carries nothing from it', async () => {
    const { shopA, shopB, ana, bossCtx, channelsOfA } = await world();
    await setMemberActive(getDb(), bossCtx, { userId: ana.id, active: false });

    const { client, frames } = browserOf(ana);
    for (const name of channelsOfA) expect([name, await follow(client, name).nth(1)]).toEqual([name, 'refused']);
    // Still an active agent of Shop B: its channels work.
    expect(await follow(client, realtimeChannels.workspace(shopB.id)).nth(1)).toBe('subscribed');
    expect(await follow(client, realtimeChannels.user(ana.id)).nth(1)).toBe('subscribed');

    // The user channel only ever carries what concerns workspaces she is active in.
    expect(await notify(getDb(), { workspaceId: shopA.id, kind: 'assigned_to_me', userIds: [ana.id], title: 'From A' })).toBe(0);
    expect(await notify(getDb(), { workspaceId: shopB.id, kind: 'assigned_to_me', userIds: [ana.id], title: 'From B' })).toBe(1);
    await frames.waitFor((f) => f.event === 'notification.created', 'the notification from B');
    const titles = frames.frames.filter((f) => f.event === 'notification.created').map((f) => (f.data as { title: string }).title);
    expect(titles).toEqual(['From B']);
  });

  it('an already connected agent is disconnected at once, hears no later message or note, and keeps her other workspace', async () => {
    const { shopB, boss, ana, convA, bossCtx, channelsOfA } = await world();
    const { client: anaClient, frames } = browserOf(ana);
    const errors: unknown[] = [];
    anaClient.connection.bind('error', (error: unknown) => errors.push(error));
    await frames.waitFor((f) => f.event === 'pusher:signin_success', 'Ana signed in');
    const channelsOfB = [realtimeChannels.workspace(shopB.id), realtimeChannels.user(ana.id)];
    const followedA = channelsOfA.map((name) => follow(anaClient, name));
    const followedB = channelsOfB.map((name) => follow(anaClient, name));
    for (const f of [...followedA, ...followedB]) expect([f.name, await f.nth(1)]).toEqual([f.name, 'subscribed']);

    // The admin watches the same conversation: Ana leaves its presence when cut off.
    const { client: bossClient, frames: bossFrames } = browserOf(boss);
    const watched = follow(bossClient, realtimeChannels.conversationPresence(convA.id));
    expect(await watched.nth(1)).toBe('subscribed');
    expect(await follow(bossClient, realtimeChannels.conversation(convA.id)).nth(1)).toBe('subscribed');
    const viewers = bossClient.channel(watched.name);
    const anaLeft = new Promise<string>((resolve) =>
      viewers.bind('pusher:member_removed', (m: { id: string }) => resolve(m.id)),
    );

    const cutOff = state(anaClient, 'disconnected', 'Ana to be disconnected');
    await setMemberActive(getDb(), bossCtx, { userId: ana.id, active: false });
    await cutOff;
    expect(errors).toContainEqual({ type: 'PusherError', data: expect.objectContaining({ code: 4009 }) });
    expect(await within(anaLeft, 'Ana to leave the presence channel')).toBe(ana.id);
    const seenBeforeReconnect = frames.frames.length;

    // Her browser comes back by itself and re-authorizes what it had: only B is granted.
    await state(anaClient, 'connected', 'Ana to reconnect');
    await frames.waitForCount((f) => f.event === 'pusher:signin_success', 2, 'Ana signed in again');
    for (const f of followedA) expect([f.name, await f.nth(2)]).toEqual([f.name, 'refused']);
    for (const f of followedB) expect([f.name, await f.nth(2)]).toEqual([f.name, 'subscribed']);

    // A new message and an internal note in A, then an event in B: once B's arrives,
    // anything sent to her earlier would have arrived too (one socket, in order).
    await sendReply(getDb(), bossCtx, { conversationId: convA.id, text: 'Reply after Ana left', note: false });
    await sendReply(getDb(), bossCtx, { conversationId: convA.id, text: 'Internal: Ana was let go', note: true });
    await notify(getDb(), { workspaceId: shopB.id, kind: 'assigned_to_me', userIds: [ana.id], title: 'Still in B' });
    await frames.waitFor((f) => f.event === 'notification.created', 'the event from B');
    // They were published: the admin, still a member, got the status line, reply and note.
    const bodyOf = (f: { data: unknown }) => (f.data as { message: { body: string } }).message.body;
    await bossFrames.waitFor(
      (f) => f.event === 'message.created' && bodyOf(f) === 'Internal: Ana was let go',
      'the note at the admin',
    );
    const bodies = bossFrames.frames.filter((f) => f.event === 'message.created').map(bodyOf);
    expect(bodies).toEqual(
      expect.arrayContaining(['Ana was deactivated by Boss: back to Requests', 'Reply after Ana left']),
    );

    const heardAfterCutOff = frames.frames
      .slice(seenBeforeReconnect)
      .filter((f) => f.channel !== undefined && channelsOfA.includes(f.channel));
    expect(heardAfterCutOff).toEqual([]);
    // Nor did the status line of her own deactivation reach her before the cut.
    const messages = frames.frames.filter((f) => f.event === 'message.created');
    expect(messages).toEqual([]);
    expect(anaClient.connection.state).toBe('connected');
  });

  it('signing in to realtime needs a session and a well-formed socket id', async () => {
    const { ana } = await world();
    const anonymous = await callRoute(userAuthRoute, null, { socket_id: '123.456' });
    expect(anonymous).toEqual({ status: 401, body: { error: 'Sign in to listen for updates.' } });
    const malformed = await callRoute(userAuthRoute, ana, { socket_id: 'abc' });
    expect(malformed).toEqual({ status: 400, body: { error: 'Invalid socket id' } });
    // The body is read through the capped reader: a socket id is a few dozen bytes.
    const oversized = await callRoute(userAuthRoute, ana, { socket_id: '123.456', padding: 'x'.repeat(4096) });
    expect(oversized).toEqual({ status: 413, body: { error: 'The request is too large.' } });
    const signed = await callRoute(userAuthRoute, ana, { socket_id: '123.456' });
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body.user_data)).toEqual({ id: ana.id });
    expect(signed.body.auth).toMatch(new RegExp(`^${process.env.PUSHER_KEY}:[0-9a-f]{64}$`));
  });
});
