import type PusherClient from 'pusher-js';
import type { Channel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import {
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  flush,
  serverSdk,
  startTestServer,
  subscribe,
  within,
} from './helpers';

function subscriptionError(channel: Channel): Promise<{ type?: string; status?: number; error?: string }> {
  return within(
    new Promise((resolve, reject) => {
      channel.bind('pusher:subscription_error', resolve);
      channel.bind('pusher:subscription_succeeded', () =>
        reject(new Error(`${channel.name} was accepted with a bad signature`)),
      );
    }),
    `subscription_error on ${channel.name}`,
  );
}

describe('channel authorization', () => {
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

  it('refuses a private channel signed with the wrong secret and sends it nothing', async () => {
    const intruder = client({ authSecret: 'not-the-app-secret' });
    const recorder = new FrameRecorder(intruder);
    await connected(intruder);
    const { channel: lobby } = await subscribe(intruder, 'lobby');

    const error = await subscriptionError(intruder.subscribe('private-conversation-7'));
    expect(error).toMatchObject({ type: 'AuthError', status: 401 });

    // A legitimate client on the same channel proves the trigger really went out.
    const agent = client();
    await connected(agent);
    const { channel: agentChannel } = await subscribe(agent, 'private-conversation-7');
    const agentGot = new Promise((resolve) => agentChannel.bind('message.created', resolve));

    const sdk = serverSdk(server.port);
    await sdk.trigger('private-conversation-7', 'message.created', { secret: 'text' });
    expect(await within(agentGot, 'agent to receive the event')).toEqual({ secret: 'text' });

    await flush(sdk, recorder, lobby.name);
    expect(recorder.count((f) => f.channel === 'private-conversation-7' && f.event === 'message.created')).toBe(0);
    // The refusal does not cost the connection.
    expect(intruder.connection.state).toBe('connected');
  });

  it('refuses presence with a wrong signature, and a presence auth reused for another user', async () => {
    const intruder = client({ authSecret: 'wrong', presence: { user_id: 'x' } });
    await connected(intruder);
    const error = await subscriptionError(intruder.subscribe('presence-room-1'));
    expect(error).toMatchObject({ type: 'AuthError', status: 401 });

    // Valid auth for user "a" but channel_data swapped to claim user "b".
    const sdk = serverSdk(server.port);
    const forger = client();
    const recorder = new FrameRecorder(forger);
    const socketId = await connected(forger);
    const genuine = sdk.authorizeChannel(socketId, 'presence-room-1', { user_id: 'a' });
    forger.send_event('pusher:subscribe', {
      auth: genuine.auth,
      channel_data: JSON.stringify({ user_id: 'b' }),
      channel: 'presence-room-1',
    });
    const refused = await recorder.waitFor(
      (f) => f.event === 'pusher:subscription_error' && f.channel === 'presence-room-1',
      'subscription_error for forged channel_data',
    );
    expect(refused.data).toMatchObject({ type: 'AuthError', status: 401 });
  });

  it('refuses a signature made for another socket', async () => {
    const sdk = serverSdk(server.port);
    const other = client();
    const otherSocketId = await connected(other);

    const c = client();
    const recorder = new FrameRecorder(c);
    await connected(c);
    c.send_event('pusher:subscribe', {
      auth: sdk.authorizeChannel(otherSocketId, 'private-stolen').auth,
      channel: 'private-stolen',
    });
    const refused = await recorder.waitFor(
      (f) => f.event === 'pusher:subscription_error' && f.channel === 'private-stolen',
      'subscription_error for a stolen signature',
    );
    expect(refused.data).toMatchObject({ type: 'AuthError', status: 401 });
  });
});
