import type PusherClient from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import {
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  eventually,
  flush,
  nextEvent,
  serverSdk,
  startTestServer,
  subscribe,
  within,
} from './helpers';

describe('presence channels', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function member(userId: string, name: string) {
    const c = createClient(server.port, { presence: { user_id: userId, user_info: { name } } });
    clients.push(c);
    return c;
  }

  /** Subscriber count as the HTTP API reports it: how tests see a disconnect was processed. */
  async function subscriptionCount(channel: string): Promise<number> {
    const res = await serverSdk(server.port).get({
      path: `/channels/${channel}`,
      params: { info: 'subscription_count' },
    });
    return ((await res.json()) as { subscription_count: number }).subscription_count;
  }

  it('tells members about each other, and about the one who leaves', async () => {
    const channel = 'presence-conversation-1';
    const ana = member('ana', 'Ana');
    await connected(ana);
    const { channel: anaView } = await subscribe<PresenceChannel>(ana, channel);
    expect(anaView.members.count).toBe(1);

    const added = nextEvent(anaView, 'pusher:member_added');
    const ben = member('ben', 'Ben');
    await connected(ben);
    const { channel: benView } = await subscribe<PresenceChannel>(ben, channel);

    expect((await added).data).toEqual({ id: 'ben', info: { name: 'Ben' } });
    expect(anaView.members.count).toBe(2);
    // The joiner gets the full list in subscription_succeeded.
    expect(benView.members.count).toBe(2);
    const seenByBen: Record<string, unknown> = {};
    benView.members.each((m: { id: string; info: unknown }) => (seenByBen[m.id] = m.info));
    expect(seenByBen).toEqual({ ana: { name: 'Ana' }, ben: { name: 'Ben' } });
    expect(benView.members.me).toEqual({ id: 'ben', info: { name: 'Ben' } });

    const removed = nextEvent(anaView, 'pusher:member_removed');
    ben.disconnect();
    expect((await removed).data).toEqual({ id: 'ben', info: { name: 'Ben' } });
    expect(anaView.members.count).toBe(1);
  });

  it('counts a user with two sockets once: one member_added, one member_removed', async () => {
    const channel = 'presence-conversation-2';
    const ana = member('ana', 'Ana');
    const anaFrames = new FrameRecorder(ana);
    await connected(ana);
    const { channel: anaView } = await subscribe<PresenceChannel>(ana, channel);
    const isBen = (event: string) => (f: { event: string; channel?: string; data: unknown }) =>
      f.event === event && f.channel === channel && (f.data as { user_id?: string }).user_id === 'ben';
    const sdk = serverSdk(server.port);

    const benPhone = member('ben', 'Ben');
    await connected(benPhone);
    await subscribe(benPhone, channel);
    const benLaptop = member('ben', 'Ben');
    await connected(benLaptop);
    const { channel: laptopView } = await subscribe<PresenceChannel>(benLaptop, channel);
    expect(laptopView.members.count).toBe(2);

    await flush(sdk, anaFrames, channel);
    expect(anaFrames.count(isBen('pusher_internal:member_added'))).toBe(1);
    expect(anaView.members.count).toBe(2);

    // First socket goes: Ben is still there.
    benPhone.disconnect();
    await eventually(async () => (await subscriptionCount(channel)) === 2, 'phone socket to be gone');
    await flush(sdk, anaFrames, channel);
    expect(anaFrames.count(isBen('pusher_internal:member_removed'))).toBe(0);
    expect(anaView.members.count).toBe(2);

    // Last socket goes: now Ben leaves, exactly once.
    benLaptop.disconnect();
    await anaFrames.waitFor(isBen('pusher_internal:member_removed'), 'member_removed for ben');
    await flush(sdk, anaFrames, channel);
    expect(anaFrames.count(isBen('pusher_internal:member_removed'))).toBe(1);
    expect(anaView.members.count).toBe(1);
  });

  it('reports users and user_count through the HTTP API', async () => {
    const channel = 'presence-conversation-3';
    for (const [id, name] of [
      ['u1', 'One'],
      ['u2', 'Two'],
      ['u2', 'Two again'],
    ]) {
      const c = member(id, name);
      await connected(c);
      await subscribe(c, channel);
    }
    const sdk = serverSdk(server.port);
    const users = await (await sdk.get({ path: `/channels/${channel}/users` })).json();
    expect(users).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }] });

    const info = await (
      await sdk.get({ path: `/channels/${channel}`, params: { info: 'user_count,subscription_count' } })
    ).json();
    expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
  });

  it('refuses a new member over the member limit, but lets an existing user add a socket', async () => {
    const small = await startTestServer({ maxPresenceMembers: 2 });
    const local: PusherClient[] = [];
    try {
      const join = async (id: string) => {
        const c = createClient(small.port, { presence: { user_id: id } });
        local.push(c);
        await connected(c);
        return c;
      };
      await subscribe(await join('a'), 'presence-small');
      await subscribe(await join('b'), 'presence-small');
      await subscribe(await join('a'), 'presence-small');

      const third = await join('c');
      const error = await within(
        new Promise((resolve) =>
          third.subscribe('presence-small').bind('pusher:subscription_error', resolve),
        ),
        'subscription_error for the member over the limit',
      );
      expect(error).toMatchObject({ type: 'LimitReached', status: 4100 });
    } finally {
      disconnectAll(local);
      await small.close();
    }
  });

  it('refuses user_info over the size limit', async () => {
    const c = createClient(server.port, {
      presence: { user_id: 'big', user_info: { blob: 'x'.repeat(3000) } },
    });
    clients.push(c);
    await connected(c);
    const error = await within(
      new Promise((resolve) =>
        c.subscribe('presence-big').bind('pusher:subscription_error', resolve),
      ),
      'subscription_error for oversized user_info',
    );
    expect(error).toMatchObject({ type: 'LimitReached', status: 4301 });
  });
});
