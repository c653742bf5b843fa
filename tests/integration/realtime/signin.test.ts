import type PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import {
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  eventually,
  flush,
  serverSdk,
  startTestServer,
  subscribe,
  within,
} from './helpers';

/** Signs in and resolves once pusher-js has subscribed its #server-to-user channel. */
async function signIn(client: PusherClient, recorder: FrameRecorder, userId: string) {
  client.signin();
  await recorder.waitFor((f) => f.event === 'pusher:signin_success', 'signin_success');
  await recorder.waitFor(
    (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === `#server-to-user-${userId}`,
    'server-to-user subscription',
  );
}

describe('user sign-in (the Pusher Channels protocol)', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function client(options?: Parameters<typeof createClient>[1]) {
    const c = createClient(server.port, options);
    clients.push(c);
    return c;
  }

  it('signs in, receives sendToUser events, and is cut off by terminate_connections', async () => {
    const ana = client({ user: { id: 'agent-ana', name: 'Ana' } });
    const anaFrames = new FrameRecorder(ana);
    await connected(ana);
    await signIn(ana, anaFrames, 'agent-ana');
    expect(ana.user.user_data).toEqual({ id: 'agent-ana', name: 'Ana' });

    const sdk = serverSdk(server.port);
    const notified = within(
      new Promise((resolve) => ana.user.bind('notification', resolve)),
      'user event',
    );
    await sdk.sendToUser('agent-ana', 'notification', { text: 'assigned to you' });
    expect(await notified).toEqual({ text: 'assigned to you' });

    const errors: unknown[] = [];
    ana.connection.bind('error', (err: unknown) => errors.push(err));
    const gone = within(
      new Promise<void>((resolve) => ana.connection.bind('disconnected', () => resolve())),
      'pusher-js to be disconnected',
    );
    await sdk.terminateUserConnections('agent-ana');
    await gone;
    expect(errors).toContainEqual({ type: 'PusherError', data: expect.objectContaining({ code: 4009 }) });
  });

  it('terminate_connections leaves other users connected', async () => {
    const ana = client({ user: { id: 'u-ana' } });
    const anaFrames = new FrameRecorder(ana);
    const ben = client({ user: { id: 'u-ben' } });
    const benFrames = new FrameRecorder(ben);
    await Promise.all([connected(ana), connected(ben)]);
    await signIn(ana, anaFrames, 'u-ana');
    await signIn(ben, benFrames, 'u-ben');

    const sdk = serverSdk(server.port);
    const anaGone = within(
      new Promise<void>((resolve) => ana.connection.bind('disconnected', () => resolve())),
      'ana disconnected',
    );
    await sdk.terminateUserConnections('u-ana');
    await anaGone;
    const { channel } = await subscribe(ben, 'private-still-here');
    expect(channel.subscribed).toBe(true);
    expect(ben.connection.state).toBe('connected');
  });

  it('terminate_connections closes every tab of the user and ends all their subscriptions', async () => {
    const tabs = [1, 2].map(() => client({ user: { id: 'u-cut' }, presence: { user_id: 'u-cut' } }));
    const tabFrames = tabs.map((tab) => new FrameRecorder(tab));
    const ben = client({ presence: { user_id: 'u-ben' } });
    await Promise.all([...tabs, ben].map(connected));
    for (const [i, tab] of tabs.entries()) {
      await signIn(tab, tabFrames[i], 'u-cut');
      await subscribe(tab, 'private-room');
      await subscribe(tab, 'presence-room');
    }
    const { channel: benView } = await subscribe(ben, 'presence-room');
    const removed: string[] = [];
    benView.bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id));

    const sdk = serverSdk(server.port);
    const allGone = tabs.map((tab) =>
      within(
        new Promise<void>((resolve) => tab.connection.bind('disconnected', () => resolve())),
        'every tab to be disconnected',
      ),
    );
    await sdk.terminateUserConnections('u-cut');
    await Promise.all(allGone);

    // The server lets go of a socket when the close handshake completes, just after.
    await eventually(async () => {
      const info = await sdk.get({ path: '/channels/private-room', params: { info: 'subscription_count' } });
      return ((await info.json()) as { occupied: boolean }).occupied === false;
    }, 'private-room to be empty');
    await eventually(async () => removed.length > 0, 'member_removed at Ben');
    const benFrames = new FrameRecorder(ben);
    await flush(sdk, benFrames, 'presence-room');
    expect(removed).toEqual(['u-cut']);
    expect(ben.connection.state).toBe('connected');
  });

  it('refuses a sign-in signed with the wrong secret with 4009', async () => {
    const mallory = client({ user: { id: 'admin' }, authSecret: 'wrong' });
    const frames = new FrameRecorder(mallory);
    await connected(mallory);
    mallory.signin();
    const error = await frames.waitFor((f) => f.event === 'pusher:error', 'pusher:error');
    expect(error.data).toMatchObject({ code: 4009 });
    await within(
      new Promise<void>((resolve) => {
        if (mallory.connection.state === 'disconnected') resolve();
        mallory.connection.bind('disconnected', () => resolve());
      }),
      'refused connection',
    );
  });
});
