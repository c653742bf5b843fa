import type PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import {
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  flush,
  nextEvent,
  roundTrip,
  serverSdk,
  startTestServer,
  subscribe,
} from './helpers';

const isError = (code: number | null) => (f: { event: string; data: unknown }) =>
  f.event === 'pusher:error' && (f.data as { code?: number | null }).code === code;

describe('client events', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];

  beforeAll(async () => {
    // The protocol's own rules, with client events enabled on every private and presence channel.
    server = await startTestServer({ clientEventChannelPrefixes: ['private-', 'presence-'] });
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function client(options?: Parameters<typeof createClient>[1]) {
    const c = createClient(server.port, options);
    clients.push(c);
    return c;
  }

  it('on a private channel reach the other subscriber and are not echoed to the sender', async () => {
    const channel = 'private-conversation-typing';
    const sender = client();
    const senderFrames = new FrameRecorder(sender);
    const receiver = client();
    await Promise.all([connected(sender), connected(receiver)]);
    const { channel: senderView } = await subscribe(sender, channel);
    const { channel: receiverView } = await subscribe(receiver, channel);

    const got = nextEvent(receiverView, 'client-typing');
    expect(senderView.trigger('client-typing', { typing: true, by: 'ana' })).toBe(true);
    const { data, metadata } = await got;
    expect(data).toEqual({ typing: true, by: 'ana' });
    expect(metadata.user_id).toBeUndefined();

    await flush(serverSdk(server.port), senderFrames, channel);
    expect(senderFrames.count((f) => f.event === 'client-typing')).toBe(0);
  });

  it('on a presence channel carry the sender user id as metadata.user_id', async () => {
    const channel = 'presence-conversation-typing';
    const ana = client({ presence: { user_id: 'ana' } });
    const anaFrames = new FrameRecorder(ana);
    const ben = client({ presence: { user_id: 'ben' } });
    await Promise.all([connected(ana), connected(ben)]);
    const { channel: anaView } = await subscribe(ana, channel);
    const { channel: benView } = await subscribe(ben, channel);

    const got = nextEvent(benView, 'client-typing');
    anaView.trigger('client-typing', { typing: true });
    const { data, metadata } = await got;
    expect(data).toEqual({ typing: true });
    expect(metadata.user_id).toBe('ana');

    await flush(serverSdk(server.port), anaFrames, channel);
    expect(anaFrames.count((f) => f.event === 'client-typing')).toBe(0);
  });

  it('are refused on public channels and channels the sender is not subscribed to', async () => {
    const sender = client();
    const senderFrames = new FrameRecorder(sender);
    const receiver = client();
    const receiverFrames = new FrameRecorder(receiver);
    await Promise.all([connected(sender), connected(receiver)]);
    const { channel: publicView } = await subscribe(sender, 'lobby-typing');
    await subscribe(receiver, 'lobby-typing');
    await subscribe(receiver, 'private-not-joined');

    publicView.trigger('client-typing', { on: 'public' });
    sender.send_event('client-typing', { on: 'unsubscribed' }, 'private-not-joined');
    await roundTrip(sender, senderFrames);
    expect(senderFrames.count(isError(null))).toBe(2);
    expect(sender.connection.state).toBe('connected');

    const sdk = serverSdk(server.port);
    await flush(sdk, receiverFrames, 'lobby-typing');
    await flush(sdk, receiverFrames, 'private-not-joined');
    expect(receiverFrames.count((f) => f.event === 'client-typing')).toBe(0);
  });

  it('are limited to 10 per second per connection; the excess gets pusher:error 4301', async () => {
    const channel = 'private-conversation-flood';
    const sender = client();
    const senderFrames = new FrameRecorder(sender);
    const receiver = client();
    const receiverFrames = new FrameRecorder(receiver);
    await Promise.all([connected(sender), connected(receiver)]);
    const { channel: senderView } = await subscribe(sender, channel);
    await subscribe(receiver, channel);

    for (let i = 0; i < 15; i++) senderView.trigger('client-key', { i });
    await roundTrip(sender, senderFrames);
    expect(senderFrames.count(isError(4301))).toBe(5);
    expect(sender.connection.state).toBe('connected');

    await flush(serverSdk(server.port), receiverFrames, channel);
    const delivered = receiverFrames.frames.filter((f) => f.event === 'client-key');
    expect(delivered.map((f) => (f.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('are refused by default, as on a new Pusher app', async () => {
    const strict = await startTestServer();
    const local: PusherClient[] = [];
    try {
      const sender = createClient(strict.port);
      const senderFrames = new FrameRecorder(sender);
      const receiver = createClient(strict.port);
      const receiverFrames = new FrameRecorder(receiver);
      local.push(sender, receiver);
      await Promise.all([connected(sender), connected(receiver)]);
      const { channel: view } = await subscribe(sender, 'private-strict');
      await subscribe(receiver, 'private-strict');

      view.trigger('client-typing', {});
      await roundTrip(sender, senderFrames);
      expect(senderFrames.count(isError(4301))).toBe(1);
      await flush(serverSdk(strict.port), receiverFrames, 'private-strict');
      expect(receiverFrames.count((f) => f.event === 'client-typing')).toBe(0);
    } finally {
      disconnectAll(local);
      await strict.close();
    }
  });
});

describe('client events allow-list (clientEventChannelPrefixes)', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];

  beforeAll(async () => {
    // What the app configures: typing signals on a conversation's presence channel only.
    server = await startTestServer({ clientEventChannelPrefixes: ['presence-conversation-'] });
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function client(options?: Parameters<typeof createClient>[1]) {
    const c = createClient(server.port, options);
    clients.push(c);
    return c;
  }

  it('delivers client events on an allowed channel kind', async () => {
    const channel = 'presence-conversation-42';
    const ana = client({ presence: { user_id: 'ana' } });
    const ben = client({ presence: { user_id: 'ben' } });
    await Promise.all([connected(ana), connected(ben)]);
    const { channel: anaView } = await subscribe(ana, channel);
    const { channel: benView } = await subscribe(ben, channel);

    const got = nextEvent(benView, 'client-typing');
    anaView.trigger('client-typing', { typing: true });
    expect(await got).toEqual({ data: { typing: true }, metadata: { user_id: 'ana' } });
  });

  it('refuses them on every other private and presence channel with pusher:error, delivering nothing', async () => {
    const refusedChannels = ['private-conversation-42', 'private-workspace-7', 'presence-workspace-7'];
    const sender = client({ presence: { user_id: 'mallory' } });
    const senderFrames = new FrameRecorder(sender);
    const receiver = client({ presence: { user_id: 'ana' } });
    const receiverFrames = new FrameRecorder(receiver);
    await Promise.all([connected(sender), connected(receiver)]);
    for (const name of refusedChannels) {
      const { channel: view } = await subscribe(sender, name);
      await subscribe(receiver, name);
      view.trigger('client-message.created', { body: 'forged by a browser' });
    }
    await roundTrip(sender, senderFrames);

    const errors = senderFrames.frames.filter(isError(4301));
    expect(errors.map((f) => f.channel)).toEqual(refusedChannels);
    expect(errors.map((f) => (f.data as { message: string }).message)).toEqual(
      refusedChannels.map((name) => `Client events are not enabled on ${name}`),
    );
    expect(sender.connection.state).toBe('connected');
    const sdk = serverSdk(server.port);
    for (const name of refusedChannels) await flush(sdk, receiverFrames, name);
    expect(receiverFrames.count((f) => f.event.startsWith('client-'))).toBe(0);
  });
});
