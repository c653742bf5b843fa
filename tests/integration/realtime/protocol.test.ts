import PusherClient from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import { APP, RawSocket, startTestServer, within } from './helpers';

// Raw `ws` clients here only for what the SDKs never send: bad URLs, silence, bad frames.

const GOOD_QUERY = '?protocol=7&client=js&version=8.6.0&flash=false';

describe('protocol edges', () => {
  let server: RunningPusherServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('handshakes with a JSON-string data carrying socket_id and activity_timeout', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    const established = await socket.waitFor('pusher:connection_established');
    expect(established.data).toEqual({
      socket_id: expect.stringMatching(/^\d+\.\d+$/),
      activity_timeout: 30,
    });
    socket.close();
  });

  it('encodes data as the spec shows: a JSON string for events, an object for control frames', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    await socket.waitFor('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { channel: 'frames-public' } });
    await socket.waitFor('pusher_internal:subscription_succeeded');
    socket.send({ event: 'pusher:subscribe', data: { auth: 'k:bad', channel: 'private-frames' } });
    await socket.waitFor('pusher:subscription_error');
    socket.send({ event: 'pusher:ping', data: {} });
    await socket.waitFor('pusher:pong');

    const [established, succeeded, refused, pong] = socket.raw.map((r) => JSON.parse(r));
    expect(typeof established.data).toBe('string');
    expect(succeeded).toEqual({
      event: 'pusher_internal:subscription_succeeded',
      channel: 'frames-public',
      data: '{}',
    });
    expect(refused).toEqual({
      event: 'pusher:subscription_error',
      channel: 'private-frames',
      data: { type: 'AuthError', error: expect.any(String), status: 401 },
    });
    expect(pong).toEqual({ event: 'pusher:pong', data: {} });
    socket.close();
  });

  it('answers pusher:ping with pusher:pong', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    await socket.waitFor('pusher:connection_established');
    socket.send({ event: 'pusher:ping', data: {} });
    expect((await socket.waitFor('pusher:pong')).data).toEqual({});
    socket.close();
  });

  it.each([
    ['an unknown app key', `/app/not-our-key${GOOD_QUERY}`, 4001],
    ['a very long unknown key', `/app/${'é'.repeat(300)}${GOOD_QUERY}`, 4001],
    ['a path that is not /app/{key}', `/socket${GOOD_QUERY}`, 4005],
    ['a malformed protocol version', `/app/${APP.key}?protocol=seven`, 4006],
    ['an unsupported protocol version', `/app/${APP.key}?protocol=6`, 4007],
    ['no protocol version', `/app/${APP.key}?client=js`, 4008],
  ])('refuses %s: pusher:error then close with the same code', async (_label, path, code) => {
    const socket = RawSocket.open(server.port, path);
    const error = await socket.waitFor('pusher:error');
    expect(error.data).toMatchObject({ code, message: expect.any(String) });
    expect((await within(socket.closed, 'close')).code).toBe(code);
    expect(socket.messages.map((m) => m.event)).toEqual(['pusher:error']);
  });

  it('pusher-js with a wrong key receives 4001 and stops reconnecting', async () => {
    const client = new PusherClient('not-our-key', {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: server.port,
      wssPort: server.port,
      forceTLS: false,
      enabledTransports: ['ws'],
    });
    try {
      // During the handshake pusher-js wraps the server's pusher:error in a WebSocketError.
      const error = await within(
        new Promise<{ type: string; error?: { type?: string; data?: { code?: number } } }>(
          (resolve) => client.connection.bind('error', resolve),
        ),
        'pusher-js error event',
      );
      expect(error).toMatchObject({
        type: 'WebSocketError',
        error: { type: 'PusherError', data: { code: 4001 } },
      });
      await within(
        new Promise<void>((resolve) => {
          if (client.connection.state === 'disconnected') resolve();
          client.connection.bind('disconnected', () => resolve());
        }),
        'pusher-js to give up',
      );
    } finally {
      client.disconnect();
    }
  });

  it('keeps the connection after bad frames and refuses bad channel names', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    await socket.waitFor('pusher:connection_established');
    socket.ws.send('this is not json');
    expect((await socket.waitFor('pusher:error')).data).toMatchObject({ code: null });

    socket.send({ event: 'pusher:subscribe', data: { channel: 'bad channel name!' } });
    expect((await socket.waitFor('pusher:subscription_error')).data).toMatchObject({ status: 400 });

    socket.send({ event: 'pusher:subscribe', data: { channel: 'x'.repeat(201) } });
    socket.send({ event: 'pusher:ping', data: {} });
    await socket.waitFor('pusher:pong');
    expect(socket.messages.filter((m) => m.event === 'pusher:subscription_error')).toHaveLength(2);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    socket.close();
  });

  it('refuses #server-to-user channels to a socket that has not signed in as that user', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    await socket.waitFor('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: '#server-to-user-42' } });
    expect((await socket.waitFor('pusher:subscription_error')).data).toMatchObject({
      type: 'AuthError',
      status: 401,
    });
    socket.close();
  });
});

describe('server-initiated ping', () => {
  let server: RunningPusherServer;

  beforeAll(async () => {
    server = await startTestServer({ activityTimeoutSeconds: 1, pongTimeoutSeconds: 1 });
  });
  afterAll(() => server.close());

  it('pings an idle socket, keeps it while it answers, closes it with 4201 when it does not', async () => {
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    const established = await socket.waitFor('pusher:connection_established');
    expect(established.data).toMatchObject({ activity_timeout: 1 });

    await socket.waitFor('pusher:ping', 'first server ping');
    socket.send({ event: 'pusher:pong', data: {} });

    // Answered: the server pings again after the next idle period instead of closing.
    await socket.waitFor('pusher:ping', 'second server ping', 2);
    // Not answered this time.
    const closed = await within(socket.closed, 'close after the missing pong');
    expect(closed.code).toBe(4201);
    expect(socket.messages.at(-1)).toMatchObject({ event: 'pusher:error', data: { code: 4201 } });
  });
});

describe('shutdown', () => {
  it('tells connected clients to reconnect (4200) and stops listening', async () => {
    const server = await startTestServer();
    const socket = RawSocket.open(server.port, `/app/${APP.key}${GOOD_QUERY}`);
    await socket.waitFor('pusher:connection_established');
    await server.close();
    expect((await within(socket.closed, 'close on shutdown')).code).toBe(4200);
    await expect(fetch(`http://127.0.0.1:${server.port}/health`)).rejects.toThrow();
  });
});
