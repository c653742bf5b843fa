import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import type { SessionUser } from '@/lib/auth/session';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// A client that sends a huge body without Content-Length (chunked) must be answered 413
// after at most the route's cap has been read: the rest is never pulled, so the process
// does not grow. Each route handler is called directly with a streaming Request.

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { POST: uploadFile } = await import('@/app/api/files/route');
const { POST: uploadPicture } = await import('@/app/w/[slug]/profile/picture/route');
const { POST: webhook } = await import('@/app/api/webhooks/[kind]/[channelId]/route');

const MB = 1024 * 1024;
const HUGE = 300 * MB;
const CHUNK = 64 * 1024;

/** A 300 MB body from a generator, each chunk fresh (as a socket delivers them); counts what was pulled. */
function hugeBody(prefix = '') {
  const sent = { bytes: 0 };
  const head = Buffer.from(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes === 0 && head.length) {
        sent.bytes += head.length;
        controller.enqueue(new Uint8Array(head));
        return;
      }
      if (sent.bytes >= HUGE) return controller.close();
      sent.bytes += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
    },
  });
  return { stream, sent };
}

function streamingRequest(url: string, contentType: string, body: ReadableStream<Uint8Array>) {
  const request = new Request(url, { method: 'POST', body, headers: { 'content-type': contentType }, duplex: 'half' } as RequestInit);
  expect(request.headers.get('content-length')).toBeNull();
  return request;
}

// A full collection before each reading, so what is compared is memory the request left
// behind, not garbage waiting for the collector.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * A full collection whose array-buffer backing stores are really gone: V8 frees those on a
 * background sweeper after the collection, so memoryUsage() right after gc() can still count
 * them. Two rounds, each letting the event loop turn, measure memory that is truly retained.
 */
async function settledCollect() {
  for (let round = 0; round < 2; round++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Memory that outlives the request: resident set and array buffers, after vs before. */
async function growthDuring(run: () => Promise<Response>) {
  await settledCollect();
  const before = process.memoryUsage();
  const response = await run();
  await settledCollect();
  const after = process.memoryUsage();
  return { response, rss: after.rss - before.rss, arrayBuffers: after.arrayBuffers - before.arrayBuffers };
}

const BOUNDARY = '----baton-test-boundary';
const multipartHead = (field: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`;

let workspace: { id: string; slug: string };
let member: SessionUser;

beforeAll(async () => {
  const db = getDb();
  workspace = await createWorkspace(db, 'Body Cap Shop');
  const user = await createUser(db, 'Ana');
  await addMember(db, workspace.id, user.id, 'agent');
  member = sessionOf(user);
});

describe('request bodies are read with a cap', () => {
  it('agent file upload: 300 MB chunked from a member → 413, at most the 25 MB cap read, memory grows < 20 MB', async () => {
    currentUser = member;
    const { stream, sent } = hugeBody(multipartHead('file'));
    const { response, rss, arrayBuffers } = await growthDuring(() =>
      uploadFile(streamingRequest(`http://localhost/api/files?workspaceId=${workspace.id}`, `multipart/form-data; boundary=${BOUNDARY}`, stream)),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: 'Files can be at most 25 MB.' });
    expect(sent.bytes).toBeLessThan(30 * MB);
    // Up to the 25 MB cap is legitimately read (an upload may be that big), and the
    // allocator may keep those pages after they are freed; nothing of the body is retained.
    expect(rss).toBeLessThan(20 * MB + 25 * MB);
    expect(arrayBuffers).toBeLessThan(20 * MB);
  });

  it('agent file upload without a session or membership: refused before one byte of the body is read', async () => {
    currentUser = null;
    const anonymous = hugeBody(multipartHead('file'));
    const refused = await uploadFile(
      streamingRequest(`http://localhost/api/files?workspaceId=${workspace.id}`, `multipart/form-data; boundary=${BOUNDARY}`, anonymous.stream),
    );
    expect(refused.status).toBe(401);
    expect(anonymous.sent.bytes).toBeLessThanOrEqual(CHUNK + 1024);

    const stranger = await createUser(getDb(), 'Olga');
    currentUser = sessionOf(stranger);
    const outsider = hugeBody(multipartHead('file'));
    const forbidden = await uploadFile(
      streamingRequest(`http://localhost/api/files?workspaceId=${workspace.id}`, `multipart/form-data; boundary=${BOUNDARY}`, outsider.stream),
    );
    expect(forbidden.status).toBe(403);
    expect(outsider.sent.bytes).toBeLessThanOrEqual(CHUNK + 1024);
  });

  it('profile picture: 300 MB chunked → 413 after ~4 MB, memory grows < 20 MB', async () => {
    currentUser = member;
    const { stream, sent } = hugeBody(multipartHead('picture'));
    const { response, rss, arrayBuffers } = await growthDuring(() =>
      uploadPicture(
        streamingRequest(`http://localhost/w/${workspace.slug}/profile/picture`, `multipart/form-data; boundary=${BOUNDARY}`, stream),
        { params: Promise.resolve({ slug: workspace.slug }) },
      ),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: 'Pictures can be at most 4 MB.' });
    expect(sent.bytes).toBeLessThan(10 * MB);
    expect(rss).toBeLessThan(20 * MB);
    expect(arrayBuffers).toBeLessThan(20 * MB);
  });

  it('profile picture without a session: refused before the body is read', async () => {
    currentUser = null;
    const { stream, sent } = hugeBody(multipartHead('picture'));
    const response = await uploadPicture(
      streamingRequest(`http://localhost/w/${workspace.slug}/profile/picture`, `multipart/form-data; boundary=${BOUNDARY}`, stream),
      { params: Promise.resolve({ slug: workspace.slug }) },
    );
    expect(response.status).toBe(401);
    expect(sent.bytes).toBeLessThanOrEqual(CHUNK + 1024);
  });

  it.each(['facebook', 'whatsapp', 'line'])('%s webhook: 300 MB chunked → 413 after ~1 MB, memory grows < 20 MB', async (kind) => {
    const { stream, sent } = hugeBody('{"object":"page","entry":[');
    const { response, rss, arrayBuffers } = await growthDuring(() =>
      webhook(streamingRequest(`http://localhost/api/webhooks/${kind}/${randomUUID()}`, 'application/json', stream), {
        params: Promise.resolve({ kind, channelId: randomUUID() }),
      }),
    );
    expect(response.status).toBe(413);
    expect(sent.bytes).toBeLessThan(5 * MB);
    expect(rss).toBeLessThan(20 * MB);
    expect(arrayBuffers).toBeLessThan(20 * MB);
  });
});
