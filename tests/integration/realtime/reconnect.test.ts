import type PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reconnectWhenTerminated } from '../../../components/realtime/reconnect';
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

/** The inbox client's answer to terminate_connections (components/realtime/reconnect.ts). */
describe('reconnecting after the app terminated the connection', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];
  const stops: Array<() => void> = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    disconnectAll(clients);
  });
  afterAll(() => server.close());

  function client(userId: string) {
    const c = createClient(server.port, { user: { id: userId } });
    clients.push(c);
    stops.push(reconnectWhenTerminated(c, { firstMs: 20, maxMs: 200, stableMs: 30_000 }));
    return c;
  }

  const nextState = (c: PusherClient, wanted: string) =>
    within(
      new Promise<void>((resolve) => {
        const check = ({ current }: { current: string }) => {
          if (current !== wanted) return;
          c.connection.unbind('state_change', check);
          resolve();
        };
        c.connection.bind('state_change', check);
      }),
      `state ${wanted}`,
    );

  it('connects again, signs in again and re-subscribes what it had', async () => {
    const ana = client('u-ana');
    const frames = new FrameRecorder(ana);
    await connected(ana);
    ana.signin();
    await frames.waitFor((f) => f.event === 'pusher:signin_success', 'signin');
    await subscribe(ana, 'private-room');
    const firstSocket = ana.connection.socket_id;

    const sdk = serverSdk(server.port);
    const down = nextState(ana, 'disconnected');
    const back = nextState(ana, 'connected');
    await sdk.terminateUserConnections('u-ana');
    await down;
    await back;
    expect(ana.connection.socket_id).not.toBe(firstSocket);
    await frames.waitForCount((f) => f.event === 'pusher:signin_success', 2, 'second signin');
    await frames.waitForCount(
      (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === 'private-room',
      2,
      'private-room again',
    );
    await flush(sdk, frames, 'private-room');
  });
});
