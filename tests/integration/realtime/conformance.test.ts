import { connect as tcpConnect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import { APP, connected, createClient, disconnectAll, serverSdk, startTestServer, subscribe, within } from './helpers';

// Where Pusher's protocol (as soketi implements it and pusher-js reads it) says how a
// refusal looks: the codes, and the channel a refused client event is answered on, so the
// client's own handlers fire. Real pusher-js clients, a real server.

describe('refusals a client can act on', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ clientEventChannelPrefixes: ['private-typing-'] });
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function client(options?: Parameters<typeof createClient>[1]) {
    const c = createClient(server.port, options);
    clients.push(c);
    return c;
  }

  /** What the channel's own `pusher:error` handler receives. */
  function channelError(channel: { bind: (e: string, cb: (data: unknown) => void) => unknown }, label: string) {
    return within(new Promise<{ code: number | null; message: string }>((resolve) => channel.bind('pusher:error', (data) => resolve(data as never))), label);
  }

  it('a client event where the app has not enabled them reaches the channel’s error handler with 4301', async () => {
    const sender = client();
    await connected(sender);
    const { channel } = await subscribe(sender, 'private-orders-1');
    const refused = channelError(channel, 'pusher:error on private-orders-1');
    channel.trigger('client-typing', { typing: true });
    expect(await refused).toEqual({ code: 4301, message: 'Client events are not enabled on private-orders-1' });
    expect(sender.connection.state).toBe('connected');
  });

  it('a client event with a name over 200 characters, or data over the limit, is refused on its channel with 4301', async () => {
    const sender = client();
    await connected(sender);
    const { channel } = await subscribe(sender, 'private-typing-7');

    const longName = channelError(channel, 'pusher:error for the long event name');
    channel.trigger(`client-${'x'.repeat(200)}`, {});
    expect(await longName).toMatchObject({ code: 4301, message: expect.stringMatching(/event name longer than 200/) });

    const tooBig = channelError(channel, 'pusher:error for the large payload');
    channel.trigger('client-typing', { blob: 'x'.repeat(11 * 1024) });
    expect(await tooBig).toMatchObject({ code: 4301, message: expect.stringMatching(/data over \d+ bytes/) });
    expect(sender.connection.state).toBe('connected');
  });

  it('a channel name over 200 characters is a LimitReached 4009 subscription error, and the connection stays', async () => {
    const c = client();
    await connected(c);
    // A public channel: an authorizer would refuse the name before the server saw it.
    const name = `orders-${'a'.repeat(200)}`;
    const error = await within(
      new Promise((resolve) => c.subscribe(name).bind('pusher:subscription_error', resolve)),
      'subscription_error for the long channel name',
    );
    expect(error).toMatchObject({ type: 'LimitReached', status: 4009 });
    await subscribe(c, 'orders-after-the-long-one');
  });
});

/** A WebSocket client by hand: handshake, one subscribe, then a close frame with the TCP connection held open. */
async function rawPresenceMember(port: number, channel: string, userId: string): Promise<Socket> {
  // Half-open allowed: the server's end of the close handshake does not close this side.
  const socket = tcpConnect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  const frames: string[] = [];
  socket.on('data', (chunk: Buffer) => {
    // Server frames are unmasked text frames under 126 bytes' header form or the 16-bit form.
    let buf = chunk;
    if (!received.includes('\r\n\r\n')) {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      buf = Buffer.from(received.slice(end + 4), 'latin1');
    }
    while (buf.length >= 2) {
      let len = buf[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        len = buf.readUInt16BE(2);
        offset = 4;
      }
      if (buf.length < offset + len) break;
      frames.push(buf.subarray(offset, offset + len).toString('utf8'));
      buf = buf.subarray(offset + len);
    }
  });
  const key = randomBytes(16).toString('base64');
  socket.write(`GET /app/${APP.key}?protocol=7&client=raw&version=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const established = await within(
    (async () => {
      for (;;) {
        const frame = frames.find((f) => f.includes('pusher:connection_established'));
        if (frame) return JSON.parse(JSON.parse(frame).data) as { socket_id: string };
        await new Promise((r) => setTimeout(r, 10));
      }
    })(),
    'connection_established on the raw socket',
  );
  const channelData = JSON.stringify({ user_id: userId });
  const auth = serverSdk(port).authorizeChannel(established.socket_id, channel, { user_id: userId }).auth;
  socket.write(maskedFrame(0x1, Buffer.from(JSON.stringify({ event: 'pusher:subscribe', data: { channel, auth, channel_data: channelData } }))));
  await within(
    (async () => {
      while (!frames.some((f) => f.includes('subscription_succeeded'))) await new Promise((r) => setTimeout(r, 10));
    })(),
    'subscription_succeeded on the raw socket',
  );
  return socket;
}

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | payload.length]) : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

describe('leaving with a close frame', () => {
  let server: RunningPusherServer;
  const clients: PusherClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  it('drops the member at the close frame, though the TCP connection stays open', async () => {
    const channel = 'presence-room-close';
    const watcher = createClient(server.port, { presence: { user_id: 'watcher' } });
    clients.push(watcher);
    await connected(watcher);
    const { channel: view } = await subscribe(watcher, channel);
    const joined = within(new Promise((resolve) => view.bind('pusher:member_added', resolve)), 'member_added for the raw client');
    const raw = await rawPresenceMember(server.port, channel, 'leaver');
    expect(await joined).toMatchObject({ id: 'leaver' });

    const sdk = serverSdk(server.port);
    const users = async () => ((await (await sdk.get({ path: `/channels/${channel}/users` })).json()) as { users: { id: string }[] }).users.map((u) => u.id).sort();
    expect(await users()).toEqual(['leaver', 'watcher']);

    const removed = within(new Promise((resolve) => view.bind('pusher:member_removed', resolve)), 'member_removed at the close frame');
    const closeCode = Buffer.alloc(2);
    closeCode.writeUInt16BE(1000);
    raw.write(maskedFrame(0x8, closeCode));
    expect(await removed).toMatchObject({ id: 'leaver' });
    expect(await users()).toEqual(['watcher']);
    expect(raw.destroyed).toBe(false);
    raw.destroy();
  });
});
