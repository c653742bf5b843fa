import type PusherClient from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import {
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  nextEvent,
  roundTrip,
  serverSdk,
  startTestServer,
  subscribe,
} from './helpers';

describe('pusher-js and the pusher server SDK against the embedded server', () => {
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

  it('connects with a socket id the server SDK accepts', async () => {
    const socketId = await connected(client());
    expect(socketId).toMatch(/^\d+\.\d+$/);
    // authorizeChannel throws "Invalid socket id" on any other form.
    expect(() => serverSdk(server.port).authorizeChannel(socketId, 'private-x')).not.toThrow();
  });

  it('delivers events on public, private and presence channels with the data sent', async () => {
    const c = client({ presence: { user_id: 'agent-1', user_info: { name: 'Ana' } } });
    await connected(c);
    const { channel: pub } = await subscribe(c, 'inbox-public');
    const { channel: priv } = await subscribe(c, 'private-conversation-1');
    const { channel: pres, data } = await subscribe<PresenceChannel>(c, 'presence-workspace-1');
    expect(pres.members.count).toBe(1);
    expect(pres.members.me).toEqual({ id: 'agent-1', info: { name: 'Ana' } });
    expect((data as PresenceChannel['members']).count).toBe(1);

    const sdk = serverSdk(server.port);
    const cases = [
      { channel: pub, payload: { id: 1, text: 'hello' } },
      { channel: priv, payload: { id: 2, text: 'héllo ✓ "quoted"' } },
      { channel: pres, payload: { id: 3, nested: { list: [1, 2, 3] } } },
    ];
    for (const { channel, payload } of cases) {
      const received = nextEvent(channel, 'message.created');
      await sdk.trigger(channel.name, 'message.created', payload);
      expect((await received).data).toEqual(payload);
    }
  });

  it('one trigger reaches several channels, and string data arrives as the same string', async () => {
    const c = client();
    await connected(c);
    const { channel: a } = await subscribe(c, 'private-multi-a');
    const { channel: b } = await subscribe(c, 'private-multi-b');
    const gotA = nextEvent(a, 'note');
    const gotB = nextEvent(b, 'note');
    await serverSdk(server.port).trigger([a.name, b.name], 'note', 'plain text, not JSON');
    expect((await gotA).data).toBe('plain text, not JSON');
    expect((await gotB).data).toBe('plain text, not JSON');
  });

  it('triggerBatch delivers every event of the batch', async () => {
    const c = client();
    await connected(c);
    const { channel: one } = await subscribe(c, 'private-batch-1');
    const { channel: two } = await subscribe(c, 'private-batch-2');
    const first = nextEvent(one, 'row.updated');
    const second = nextEvent(two, 'row.updated');
    const third = nextEvent(one, 'row.deleted');
    await serverSdk(server.port).triggerBatch([
      { channel: one.name, name: 'row.updated', data: { id: 'a' } },
      { channel: two.name, name: 'row.updated', data: { id: 'b' } },
      { channel: one.name, name: 'row.deleted', data: { id: 'c' } },
    ]);
    expect((await first).data).toEqual({ id: 'a' });
    expect((await second).data).toEqual({ id: 'b' });
    expect((await third).data).toEqual({ id: 'c' });
  });

  it('stops delivering after unsubscribe', async () => {
    const c = client();
    await connected(c);
    const { channel: kept } = await subscribe(c, 'private-kept');
    const { channel: dropped } = await subscribe(c, 'private-dropped');
    const recorder = new FrameRecorder(c);
    c.unsubscribe(dropped.name);
    // Unsubscribe gets no reply; a ping round trip orders it before the trigger.
    await roundTrip(c, recorder);
    const sdk = serverSdk(server.port);
    await sdk.trigger(dropped.name, 'after', { n: 1 });
    const keptEvent = nextEvent(kept, 'after');
    await sdk.trigger(kept.name, 'after', { n: 2 });
    expect((await keptEvent).data).toEqual({ n: 2 });
    expect(recorder.count((f) => f.channel === dropped.name)).toBe(0);
  });
});
