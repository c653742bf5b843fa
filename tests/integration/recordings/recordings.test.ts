import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { contacts, files, sessionRecordings } from '@/db/schema';
import * as recordingsRoute from '@/app/api/widget/[token]/recordings/route';
import { runWorkspaceRoute } from '@/lib/auth/route-core';
import type { SessionUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { deleteContact } from '@/lib/contacts/delete-contact';
import { deleteExpiredRecordings } from '@/lib/recordings/delete';
import { listContactRecordings, loadRecordingReplay, type RecordingReplay } from '@/lib/recordings/list';
import { replayRouteDefinition, replayRouteHandler } from '@/lib/recordings/replay-route';
import { issueVisitorToken } from '@/lib/widget/tokens';
import { addMember, createUser, sessionOf } from '../support/fixtures';
import { createWidgetWorld, newVisitor, resetLimits, sendText } from '../widget/helpers';

// Visit recordings end to end below the browser: the recorder's uploads through the real
// route (token, opt-in, caps), what is stored and listed, who may replay it, the retention
// job and the customer's erase.

beforeEach(resetLimits);

const SHOP = 'https://shop.example.com';
const settingsOn = { title: 'Rec Shop', greeting: 'Hi', color: '#0f766e', recordings: true, allowedOrigins: [SHOP] };

type Header = { t: string; s: string; n: number; e: 'gzip' | 'json' };

function upload(token: string, header: Header, payload: Buffer, origin: string | null = SHOP) {
  const headers = new Headers({ 'content-type': 'text/plain' });
  if (origin) headers.set('origin', origin);
  const body = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
  return recordingsRoute.POST(new Request(`http://localhost/api/widget/${token}/recordings`, { method: 'POST', headers, body }), {
    params: Promise.resolve({ token }),
  });
}

/** A page's first events (Meta with its address, a full snapshot) and a few moves, from `at`. */
function pageEvents(at: number, href: string, moves = 3) {
  return [
    { type: 4, timestamp: at, data: { href, width: 1024, height: 768 } },
    { type: 2, timestamp: at + 1, data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { top: 0, left: 0 } } },
    ...Array.from({ length: moves }, (_, i) => ({ type: 3, timestamp: at + 100 * (i + 1), data: { source: 1, positions: [{ x: i, y: i, id: 1, timeOffset: 0 }] } })),
  ];
}

const gz = (events: unknown) => gzipSync(JSON.stringify(events));

async function recordingWorld(settings: Record<string, unknown> = settingsOn) {
  const world = await createWidgetWorld({ settings });
  const visitor = await newVisitor(world.client);
  const [contact] = await world.db.select().from(contacts).where(eq(contacts.workspaceId, world.workspace.id));
  return { ...world, visitor, contact };
}

async function storedBytesExist(storageKeys: string[]) {
  const root = path.resolve(getConfig().BATON_DATA_DIR, 'files');
  const found = await Promise.all(storageKeys.map((k) => fs.stat(path.join(root, k)).then(() => true, () => false)));
  return found.filter(Boolean).length;
}

async function chunkFiles(db: Awaited<ReturnType<typeof recordingWorld>>['db'], workspaceId: string) {
  return db.select({ id: files.id, storageKey: files.storageKey }).from(files).where(eq(files.workspaceId, workspaceId));
}

describe('uploading a recording batch', () => {
  it('is accepted only with the visitor’s upload token, only while the channel records visits', async () => {
    const w = await recordingWorld();
    expect(w.visitor.recordingToken).toEqual(expect.any(String));
    const batch = gz(pageEvents(Date.now(), `${SHOP}/`));

    const noToken = await upload(w.token, { t: 'not-a-token', s: 'visit-aaaa-1', n: 0, e: 'gzip' }, batch);
    expect(noToken.status).toBe(401);
    // The chat's own token does not upload recordings, and the upload token does not chat.
    const chatToken = await upload(w.token, { t: w.visitor.visitorToken, s: 'visit-aaaa-1', n: 0, e: 'gzip' }, batch);
    expect(chatToken.status).toBe(401);
    const chatWithUploadToken = await sendText(w.client, w.visitor.recordingToken!, 'hello');
    expect(chatWithUploadToken.response.status).toBe(401);

    const ok = await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-aaaa-1', n: 0, e: 'gzip' }, batch);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    // The same batch again (a retry) stores nothing twice.
    const again = await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-aaaa-1', n: 0, e: 'gzip' }, batch);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: false });
    expect(await chunkFiles(w.db, w.workspace.id)).toHaveLength(1);

    // A site the channel does not allow, and another channel's token, are refused.
    expect((await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-aaaa-1', n: 1, e: 'gzip' }, batch, 'https://evil.example')).status).toBe(403);
    const other = await recordingWorld();
    expect((await upload(other.token, { t: w.visitor.recordingToken!, s: 'visit-aaaa-1', n: 1, e: 'gzip' }, batch)).status).toBe(401);
  });

  it('is refused while the channel does not record visits, and its session hands out no upload token', async () => {
    const w = await recordingWorld({ ...settingsOn, recordings: false });
    expect(w.visitor.recordingToken).toBeUndefined();
    const visitorId = (await w.db.query.contactIdentities.findFirst({ where: (t, { eq: is }) => is(t.contactId, w.contact.id) }))!.externalId;
    const minted = issueVisitorToken(w.channel.id, visitorId, 'recording');
    const response = await upload(w.token, { t: minted, s: 'visit-bbbb-1', n: 0, e: 'gzip' }, gz(pageEvents(Date.now(), `${SHOP}/`)));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'recordings_off' });
  });

  it('caps the body and what it decompresses to, and refuses what is not a batch of events', async () => {
    const w = await recordingWorld();
    const t = w.visitor.recordingToken!;
    const big = await upload(w.token, { t, s: 'visit-cccc-1', n: 0, e: 'json' }, Buffer.alloc(600 * 1024, 0x20));
    expect(big.status).toBe(413);
    // A small gzip that inflates past the cap (a "zip bomb").
    const bomb = gzipSync(Buffer.alloc(9 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(512 * 1024);
    expect((await upload(w.token, { t, s: 'visit-cccc-1', n: 0, e: 'gzip' }, bomb)).status).toBe(413);
    expect((await upload(w.token, { t, s: 'visit-cccc-1', n: 0, e: 'json' }, Buffer.from('{"not":"events"}'))).status).toBe(400);
    expect((await upload(w.token, { t, s: 'visit-cccc-1', n: 0, e: 'json' }, Buffer.from('[{"type":99,"timestamp":1}]'))).status).toBe(400);
    expect(await w.db.select().from(sessionRecordings).where(eq(sessionRecordings.workspaceId, w.workspace.id))).toHaveLength(0);
  });
});

describe('a stored recording', () => {
  it('is one row per visit, listed with its time, length and pages, and replays with the chat marked', async () => {
    const w = await recordingWorld();
    const t = w.visitor.recordingToken!;
    const start = Date.now() - 5_000;
    await sendText(w.client, w.visitor.visitorToken, 'Where is my parcel?');
    // Two pages of one visit, the second page's batch arriving first.
    expect((await upload(w.token, { t, s: 'visit-dddd-1', n: 1, e: 'json' }, Buffer.from(JSON.stringify(pageEvents(start + 4_000, `${SHOP}/cart`))))).status).toBe(201);
    expect((await upload(w.token, { t, s: 'visit-dddd-1', n: 0, e: 'gzip' }, gz(pageEvents(start, `${SHOP}/`)))).status).toBe(201);
    // The message was sent inside the visit's time: it ends a little after it.
    expect((await upload(w.token, { t, s: 'visit-dddd-1', n: 2, e: 'gzip' }, gz([{ type: 3, timestamp: Date.now() + 1_000, data: { source: 1, positions: [] } }]))).status).toBe(201);

    const list = await listContactRecordings(w.db, w.workspace.id, w.contact.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ pages: [`${SHOP}/`, `${SHOP}/cart`], eventCount: 11, channelName: 'Website chat' });
    expect(list[0].durationMs).toBeGreaterThan(5_000);

    const replay = (await loadRecordingReplay(w.db, w.workspace.id, list[0].id))!;
    const times = replay.events.map((e) => e.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(replay.events[0]).toMatchObject({ type: 4, data: { href: `${SHOP}/` } });
    expect(replay.marks).toEqual([expect.objectContaining({ from: 'visitor', text: 'Where is my parcel?' })]);
  });

  it('is read only by members of its workspace', async () => {
    const w = await recordingWorld();
    await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-eeee-1', n: 0, e: 'gzip' }, gz(pageEvents(Date.now(), `${SHOP}/`)));
    const [recording] = await listContactRecordings(w.db, w.workspace.id, w.contact.id);
    const member = await createUser(w.db, 'Rec Agent');
    await addMember(w.db, w.workspace.id, member.id, 'agent');
    const stranger = await createUser(w.db, 'Other Shop Agent');
    const otherShop = await recordingWorld();
    await addMember(w.db, otherShop.workspace.id, stranger.id, 'admin');

    const get = (user: SessionUser | null, workspaceId: string, recordingId: string) =>
      runWorkspaceRoute(
        async () => user,
        new Request(`http://localhost/api/w/${workspaceId}/recordings/${recordingId}`),
        { params: Promise.resolve({ workspaceId, recordingId }) },
        replayRouteDefinition,
        replayRouteHandler,
      );

    const mine = await get(sessionOf(member), w.workspace.id, recording.id);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as RecordingReplay).events).toHaveLength(5);
    expect((await get(null, w.workspace.id, recording.id)).status).toBe(401);
    // Naming the other workspace: not a member. Naming their own: the recording is not theirs.
    expect((await get(sessionOf(stranger), w.workspace.id, recording.id)).status).toBe(404);
    expect((await get(sessionOf(stranger), otherShop.workspace.id, recording.id)).status).toBe(404);
    expect(await loadRecordingReplay(w.db, otherShop.workspace.id, recording.id)).toBeNull();
  });
});

describe('deleting recordings', () => {
  it('the retention job deletes those older than their channel keeps them, with their files', async () => {
    const w = await recordingWorld();
    const short = await recordingWorld({ ...settingsOn, recordingRetentionDays: 7 });
    const day = 86_400_000;
    const now = Date.now();
    await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-old-0001', n: 0, e: 'gzip' }, gz(pageEvents(now - 40 * day, `${SHOP}/old`)));
    await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-new-0001', n: 0, e: 'gzip' }, gz(pageEvents(now - 10 * day, `${SHOP}/recent`)));
    await upload(short.token, { t: short.visitor.recordingToken!, s: 'visit-short-01', n: 0, e: 'gzip' }, gz(pageEvents(now - 10 * day, `${SHOP}/recent`)));
    const before = [...(await chunkFiles(w.db, w.workspace.id)), ...(await chunkFiles(w.db, short.workspace.id))];
    expect(before).toHaveLength(3);

    expect(await deleteExpiredRecordings(w.db, new Date(now))).toBeGreaterThanOrEqual(2);
    const left = await w.db
      .select({ pages: sql<string[]>`array(select jsonb_array_elements(${sessionRecordings.pages})->>'url')` })
      .from(sessionRecordings)
      .where(inArray(sessionRecordings.workspaceId, [w.workspace.id, short.workspace.id]));
    // 30 days (the default) keeps the 10-day-old one; the channel that keeps 7 days loses it.
    expect(left).toEqual([{ pages: [`${SHOP}/recent`] }]);
    const after = [...(await chunkFiles(w.db, w.workspace.id)), ...(await chunkFiles(w.db, short.workspace.id))];
    expect(after).toHaveLength(1);
    expect(await storedBytesExist(before.map((f) => f.storageKey))).toBe(1);
  });

  it('erasing the customer deletes their recordings and files', async () => {
    const w = await recordingWorld();
    await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-ffff-1', n: 0, e: 'gzip' }, gz(pageEvents(Date.now(), `${SHOP}/`)));
    await upload(w.token, { t: w.visitor.recordingToken!, s: 'visit-ffff-2', n: 0, e: 'gzip' }, gz(pageEvents(Date.now(), `${SHOP}/`)));
    const stored = await chunkFiles(w.db, w.workspace.id);
    expect(stored).toHaveLength(2);
    const admin = await createUser(w.db, 'Rec Admin');
    await addMember(w.db, w.workspace.id, admin.id, 'admin');
    const ctx = { workspaceId: w.workspace.id, actor: { id: admin.id, name: admin.name, email: admin.email, role: 'admin' as const } };

    const result = await deleteContact(w.db, ctx, { contactId: w.contact.id, confirmName: w.contact.name });
    expect(result.counts).toMatchObject({ recordings: 2 });
    expect(await w.db.select().from(sessionRecordings).where(eq(sessionRecordings.workspaceId, w.workspace.id))).toHaveLength(0);
    expect(await chunkFiles(w.db, w.workspace.id)).toHaveLength(0);
    expect(await storedBytesExist(stored.map((f) => f.storageKey))).toBe(0);
  });
});
