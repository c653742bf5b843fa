import type PusherClient from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPusherServer } from '../../../realtime-server';
import { apiRequestSignature, md5Hex } from '../../../realtime-server/signing';
import {
  APP,
  FrameRecorder,
  connected,
  createClient,
  disconnectAll,
  flush,
  nextEvent,
  serverSdk,
  startTestServer,
  subscribe,
} from './helpers';

interface SdkError {
  status?: number;
  body?: string;
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the request to be rejected');
}

describe('HTTP API', () => {
  let server: RunningPusherServer;
  let base: string;
  const clients: PusherClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    base = `http://127.0.0.1:${server.port}`;
  });
  afterEach(() => disconnectAll(clients));
  afterAll(() => server.close());

  function client(options?: Parameters<typeof createClient>[1]) {
    const c = createClient(server.port, options);
    clients.push(c);
    return c;
  }

  /** Signs like the SDK but with a chosen timestamp/body, for cases the SDK cannot produce. */
  function signedUrl(method: string, path: string, body: string, timestamp: number, md5 = md5Hex(body)) {
    const params: Record<string, string> = {
      auth_key: APP.key,
      auth_timestamp: String(timestamp),
      auth_version: '1.0',
    };
    if (body) params.body_md5 = md5;
    const signature = apiRequestSignature(APP.secret, method, path, params);
    const query = Object.entries({ ...params, auth_signature: signature })
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return `${base}${path}?${query}`;
  }

  it('answers readiness checks without a signature', async () => {
    for (const path of ['/', '/health']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
    }
  });

  it('rejects a trigger signed with the wrong secret: 401 with an error body', async () => {
    const err = await rejection(
      serverSdk(server.port, { secret: 'wrong-secret' }).trigger('lobby', 'e', { a: 1 }),
    );
    expect(err.status).toBe(401);
    expect(JSON.parse(err.body ?? '')).toMatchObject({ code: 401, error: expect.any(String) });
  });

  it('answers 404 for an unknown app id', async () => {
    const err = await rejection(serverSdk(server.port, { appId: 'other-app' }).trigger('lobby', 'e', {}));
    expect(err.status).toBe(404);
  });

  it('rejects expired timestamps and bodies that do not match body_md5', async () => {
    const body = JSON.stringify({ name: 'e', channels: ['lobby'], data: '{}' });
    const now = Math.floor(Date.now() / 1000);

    const fresh = await fetch(signedUrl('POST', `/apps/${APP.appId}/events`, body, now), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(fresh.status).toBe(200);

    const stale = await fetch(signedUrl('POST', `/apps/${APP.appId}/events`, body, now - 601), {
      method: 'POST',
      body,
    });
    expect(stale.status).toBe(401);

    const swapped = await fetch(signedUrl('POST', `/apps/${APP.appId}/events`, body, now), {
      method: 'POST',
      body: body.replace('lobby', 'lobbx'),
    });
    expect(swapped.status).toBe(401);
  });

  it('refuses event data over 10 KB with 413 and accepts exactly 10 KB', async () => {
    const sdk = serverSdk(server.port);
    const c = client();
    await connected(c);
    const { channel } = await subscribe(c, 'private-big');

    const err = await rejection(sdk.trigger(channel.name, 'big', 'x'.repeat(10 * 1024 + 1)));
    expect(err.status).toBe(413);

    const got = nextEvent(channel, 'big');
    await sdk.trigger(channel.name, 'big', 'y'.repeat(10 * 1024));
    expect(((await got).data as string).length).toBe(10 * 1024);
  });

  it('refuses request bodies over 1 MB', async () => {
    const body = JSON.stringify({ name: 'e', channels: ['lobby'], data: 'z'.repeat(1024 * 1024) });
    const res = await fetch(
      signedUrl('POST', `/apps/${APP.appId}/events`, body, Math.floor(Date.now() / 1000)),
      { method: 'POST', body },
    );
    // Refused from content-length, before the body is buffered or the signature checked.
    expect(res.status).toBe(413);
  });

  it('skips the socket named in socket_id', async () => {
    const channel = 'private-exclusion';
    const author = client();
    const authorFrames = new FrameRecorder(author);
    const other = client();
    const authorSocket = await connected(author);
    await connected(other);
    await subscribe(author, channel);
    const { channel: otherView } = await subscribe(other, channel);

    const sdk = serverSdk(server.port);
    const got = nextEvent(otherView, 'message.created');
    await sdk.trigger(channel, 'message.created', { id: 9 }, { socket_id: authorSocket });
    expect((await got).data).toEqual({ id: 9 });

    await flush(sdk, authorFrames, channel);
    expect(authorFrames.count((f) => f.event === 'message.created')).toBe(0);
  });

  it('reports channel counts: trigger info, channel list, single channel', async () => {
    const sdk = serverSdk(server.port);
    for (const [id, channels] of [
      ['p1', ['presence-stats-a', 'presence-stats-b']],
      ['p2', ['presence-stats-a']],
      ['p2', ['presence-stats-a']],
    ] as const) {
      const c = client({ presence: { user_id: id } });
      await connected(c);
      for (const name of channels) await subscribe(c, name);
    }
    const publicClient = client();
    await connected(publicClient);
    await subscribe(publicClient, 'stats-public');

    const listed = await sdk.get({
      path: '/channels',
      params: { filter_by_prefix: 'presence-stats-', info: 'user_count' },
    });
    expect(await listed.json()).toEqual({
      channels: {
        'presence-stats-a': { user_count: 2 },
        'presence-stats-b': { user_count: 1 },
      },
    });

    const all = (await (await sdk.get({ path: '/channels' })).json()) as {
      channels: Record<string, object>;
    };
    expect(all.channels['stats-public']).toEqual({});
    expect(all.channels['presence-stats-a']).toEqual({});

    const noPrefix = await rejection(sdk.get({ path: '/channels', params: { info: 'user_count' } }));
    expect(noPrefix.status).toBe(400);

    const triggered = await sdk.trigger(['presence-stats-a', 'stats-public'], 'e', {}, {
      info: 'user_count,subscription_count',
    });
    expect(await triggered.json()).toEqual({
      channels: {
        'presence-stats-a': { user_count: 2, subscription_count: 3 },
        'stats-public': { subscription_count: 1 },
      },
    });

    const single = await sdk.get({
      path: '/channels/presence-stats-b',
      params: { info: 'user_count,subscription_count' },
    });
    expect(await single.json()).toEqual({ occupied: true, user_count: 1, subscription_count: 1 });

    const empty = await sdk.get({ path: '/channels/nobody-here' });
    expect(await empty.json()).toEqual({ occupied: false });

    const notPresence = await rejection(sdk.get({ path: '/channels/stats-public/users' }));
    expect(notPresence.status).toBe(400);
  });

  it('batch_events: info per event, and no more than 10 events', async () => {
    const sdk = serverSdk(server.port);
    const c = client();
    await connected(c);
    await subscribe(c, 'batch-info');

    const res = await sdk.triggerBatch([
      { channel: 'batch-info', name: 'a', data: {}, info: 'subscription_count' },
      { channel: 'batch-empty', name: 'b', data: {} },
    ]);
    expect(await res.json()).toEqual({ batch: [{ subscription_count: 1 }, {}] });

    const tooMany = Array.from({ length: 11 }, (_, i) => ({ channel: 'batch-info', name: `e${i}`, data: {} }));
    const err = await rejection(sdk.triggerBatch(tooMany));
    expect(err.status).toBe(400);
  });

  it('terminate_connections answers 200 for a user with no connections', async () => {
    const res = await serverSdk(server.port).terminateUserConnections('nobody');
    expect(res.status).toBe(200);
  });

  it('answers 404 for unknown endpoints and 405 for the wrong method', async () => {
    const sdk = serverSdk(server.port);
    expect((await rejection(sdk.get({ path: '/nope' }))).status).toBe(404);
    expect((await rejection(sdk.get({ path: '/events' }))).status).toBe(405);
  });
});
