import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, collectionProducts, inboundEvents, products, workspaces } from '@/db/schema';
import { routingLooksAutomatic } from '@/lib/routing/candidates';
import { loadChannel } from '@/lib/channel-config/load';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { claimInboundEvents, releaseLapsedLeases, renewLeases } from '@/lib/ingest/process';
import { receiveWebhook } from '@/lib/ingest/receive';
import { startIngestWorker, type IngestWorker } from '@/lib/ingest/worker';
import { enabledFlowsOf, flowVersionOf } from '@/lib/flows/cached';
import { deleteFlow, setFlowEnabled } from '@/lib/flows/store';
import { checkoutDefinition, flow, seedCatalogue } from '../flows/helpers';
import { flowCatalogue } from '@/lib/commerce/cached-catalogue';
import { createChannelWorld, deliver, messagesOf, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// The launcher's production shape: the web route only stores and wakes; a separate worker
// (here in this process, on its own LISTEN connection) claims and processes.

let fakes: FakePlatforms;
let world: ChannelWorld;
let worker: IngestWorker | null = null;
beforeAll(async () => {
  process.env.BATON_INGEST_MODE = 'worker';
  resetConfigForTests();
  fakes = await withFakes();
});
afterAll(async () => {
  process.env.BATON_INGEST_MODE = 'inline';
  resetConfigForTests();
  await fakes.close();
});
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

const hookFor = (waId: string, text: string) =>
  whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId, name: `Customer ${waId.slice(-3)}`, text }, world.whatsapp.secrets.appSecret);

async function statusOf(channelId: string) {
  const rows = await getDb().select({ status: inboundEvents.status }).from(inboundEvents).where(eq(inboundEvents.channelId, channelId));
  return rows.map((r) => r.status);
}

const start = (concurrency = 4) => startIngestWorker({ db: getDb(), databaseUrl: getConfig().DATABASE_URL, concurrency, pollMs: 60_000, log: () => {} });

describe('webhooks with a worker process', () => {
  it('the route stores and answers; the worker, woken by the notify, turns deliveries into messages', async () => {
    worker = await start();
    const texts = Array.from({ length: 12 }, (_, i) => `Message ${i + 1}`);
    const responses = await Promise.all(texts.map((text, i) => deliver('whatsapp', world.whatsapp.channel.id, hookFor(`6681000${String(i).padStart(4, '0')}`, text))));
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 200));

    // pollMs is a minute: only the NOTIFY can have woken the worker this soon.
    const bodies = await waitFor('all twelve messages', async () => {
      const rows = (await messagesOf(world.whatsapp.channel.id)).filter((m) => m.direction === 'inbound').map((m) => m.body);
      return rows.length === 12 && rows;
    });
    expect([...bodies].sort()).toEqual([...texts].sort());
    await waitFor('every delivery marked processed', async () => (await statusOf(world.whatsapp.channel.id)).every((s) => s === 'processed'));
  });

  it('claims a quiet shop’s delivery at once, and gathers the deliveries that follow it into one claim stored together', async () => {
    const db = getDb();
    const customers = ['66870000001', '66870000002', '66870000003', '66870000004'];
    // Known customers with open conversations (the batch path's case), processed by a first worker.
    worker = await start();
    for (const waId of customers) await deliver('whatsapp', world.whatsapp.channel.id, hookFor(waId, `Hello from ${waId}`));
    await waitFor('the first messages', async () => (await statusOf(world.whatsapp.channel.id)).filter((s) => s === 'processed').length === 4);
    await worker.stop();

    // A worker that has claimed nothing yet, with a gathering interval far longer than a claim takes.
    const gatherMs = 4_000;
    worker = await startIngestWorker({ db, databaseUrl: getConfig().DATABASE_URL, concurrency: 8, pollMs: 60_000, gatherMs, log: () => {} });
    const quiet = await deliver('whatsapp', world.whatsapp.channel.id, hookFor(customers[0], 'Quiet shop'));
    expect(quiet.status).toBe(200);
    const [first] = await waitFor('the quiet shop’s message', async () => {
      const { rows } = await db.execute<{ waited: number }>(sql`
        select extract(epoch from (processed_at - received_at)) * 1000 as waited from inbound_events
        where channel_id = ${world.whatsapp.channel.id} and status = 'processed' and raw_body like '%Quiet shop%'`);
      return rows.length === 1 && rows;
    });
    expect(Number(first.waited)).toBeLessThan(gatherMs / 2);

    // Three more, one after the other, each its own insert and wake-up: within the interval, so one claim takes them.
    for (const waId of customers.slice(1)) await deliver('whatsapp', world.whatsapp.channel.id, hookFor(waId, `Stream ${waId}`));
    const stored = await waitFor('the three streamed messages', async () => {
      const { rows } = await db.execute<{ body: string; tx: string }>(sql`
        select body, xmin::text as tx from messages where channel_id = ${world.whatsapp.channel.id} and body like 'Stream %'`);
      return rows.length === 3 && rows;
    }, 2 * gatherMs);
    expect(new Set(stored.map((r) => r.tx)).size).toBe(1); // one transaction stored all three
  });

  it('listens again after its LISTEN connection is cut, and is woken by the next delivery', async () => {
    worker = await start();
    const listenerBackends = () =>
      getDb().execute<{ pid: number }>(sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike '%listen "baton_inbound"%'`);
    const [cut] = await waitFor('the LISTEN connection', async () => {
      const { rows } = await listenerBackends();
      return rows.length === 1 && rows;
    });
    await getDb().execute(sql`select pg_terminate_backend(${cut.pid})`);
    await waitFor('a new LISTEN connection', async () => (await listenerBackends()).rows.some((r) => r.pid !== cut.pid));

    // pollMs is a minute: only a NOTIFY on the new connection can wake the worker this soon.
    await deliver('whatsapp', world.whatsapp.channel.id, hookFor('66850000001', 'After the cut'));
    const bodies = await waitFor('the message', async () => {
      const rows = (await messagesOf(world.whatsapp.channel.id)).filter((m) => m.direction === 'inbound');
      return rows.length === 1 && rows.map((m) => m.body);
    });
    expect(bodies).toEqual(['After the cut']);
  });

  it('deliveries stored while no worker runs wait in the database and are processed when one starts', async () => {
    for (let i = 0; i < 5; i++) await deliver('whatsapp', world.whatsapp.channel.id, hookFor(`66820000${i}`, `Backlog ${i}`));
    expect(await statusOf(world.whatsapp.channel.id)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(await messagesOf(world.whatsapp.channel.id)).toHaveLength(0);

    worker = await start(2);
    await waitFor('the backlog processed', async () => (await statusOf(world.whatsapp.channel.id)).every((s) => s === 'processed'));
    const inbound = (await messagesOf(world.whatsapp.channel.id)).filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => m.body).sort()).toEqual(['Backlog 0', 'Backlog 1', 'Backlog 2', 'Backlog 3', 'Backlog 4']);
    expect(worker.processed).toBe(5);
  });

  it('two workers claiming at once never take the same delivery', async () => {
    const db = getDb();
    for (let i = 0; i < 20; i++) {
      const hook = hookFor(`66830000${String(i).padStart(2, '0')}`, `Claim ${i}`);
      await receiveWebhook(db, { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(hook.body), headers: new Headers(hook.headers) });
    }
    const [a, b, c] = await Promise.all([claimInboundEvents(db, 8), claimInboundEvents(db, 8), claimInboundEvents(db, 8)]);
    const ids = [...a, ...b, ...c].map((e) => e.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect((await statusOf(world.whatsapp.channel.id)).every((s) => s === 'processing')).toBe(true);
    expect(await claimInboundEvents(db, 8)).toEqual([]);
  });

  it('the inline sweep claims only deliveries older than its cut-off (fresh ones are the request’s)', async () => {
    const db = getDb();
    const hook = hookFor('668600001', 'Fresh');
    const stored = await receiveWebhook(db, { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(hook.body), headers: new Headers(hook.headers) });
    expect(await claimInboundEvents(db, 8, { pendingBefore: new Date(Date.now() - 3_000) })).toEqual([]);
    const later = await claimInboundEvents(db, 8, { pendingBefore: new Date(Date.now() + 1_000) });
    expect(later.map((e) => e.id)).toEqual([stored.storedEventId]);
  });

  it('failed deliveries are claimed again only when asked for retries and once due', async () => {
    const db = getDb();
    const ids: string[] = [];
    for (const [i, due] of [new Date(Date.now() - 1000), new Date(Date.now() + 60_000)].entries()) {
      const hook = hookFor(`66840000${i}`, `Retry ${i}`);
      const stored = await receiveWebhook(db, { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(hook.body), headers: new Headers(hook.headers) });
      await db.update(inboundEvents).set({ status: 'failed', nextAttemptAt: due, attempts: 1 }).where(eq(inboundEvents.id, stored.storedEventId!));
      ids.push(stored.storedEventId!);
    }
    expect(await claimInboundEvents(db, 8)).toEqual([]); // a wake-up looks for new deliveries only
    const retried = await claimInboundEvents(db, 8, { retries: true });
    expect(retried.map((e) => [e.id, e.attempts])).toEqual([[ids[0], 2]]); // the due one; the other waits for its time
  });

  it('keeps channels in memory while it listens, and reads a channel again as soon as any writer changes it', async () => {
    const db = getDb();
    const id = world.whatsapp.channel.id;
    const rename = (name: string) => db.update(channels).set({ name }).where(eq(channels.id, id));
    const nameNow = async () => (await loadChannel(db, id))?.channel.name;

    // No worker listening: every load reads the row.
    await rename('Before the worker');
    expect(await nameNow()).toBe('Before the worker');

    worker = await start();
    expect(await nameNow()).toBe('Before the worker');
    // A plain SQL update, as any process or an admin's psql would do: the trigger tells the worker.
    await rename('Renamed while listening');
    await waitFor('the renamed channel', async () => (await nameNow()) === 'Renamed while listening');
    await db.delete(inboundEvents).where(eq(inboundEvents.channelId, id));

    // Stopped: nothing is kept, so a change nobody hears is still read.
    await worker.stop();
    worker = null;
    await db.execute(sql`alter table channels disable trigger channels_notify_change`);
    try {
      await rename('Changed while nobody listens');
      expect(await nameNow()).toBe('Changed while nobody listens');
    } finally {
      await db.execute(sql`alter table channels enable trigger channels_notify_change`);
    }
  });

  it('takes back, within seconds, the deliveries of a worker that died holding them', async () => {
    const id = (await receiveWebhook(getDb(), {
      kind: 'whatsapp',
      channelId: world.whatsapp.channel.id,
      ...(() => {
        const h = hookFor('66860000001', 'Held by a dead worker');
        return { rawBody: Buffer.from(h.body), headers: new Headers(h.headers) };
      })(),
    })).storedEventId!;
    // A worker claimed it with a short lease and died: no heartbeat renews it.
    const [claimed] = await claimInboundEvents(getDb(), 10, { leaseMs: 1_000 });
    expect(claimed.id).toBe(id);
    const started = Date.now();
    worker = await startIngestWorker({ db: getDb(), databaseUrl: getConfig().DATABASE_URL, concurrency: 4, pollMs: 100, leaseMs: 1_000, log: () => {} });
    await waitFor('the message', async () => (await messagesOf(world.whatsapp.channel.id)).some((m) => m.body === 'Held by a dead worker'), 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor('the delivery marked processed', async () => (await statusOf(world.whatsapp.channel.id)).every((s) => s === 'processed'));
    const [event] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, id));
    expect(event).toMatchObject({ status: 'processed', attempts: 2 });
  });

  it('a living worker’s heartbeat keeps its leases: nobody takes back what it still holds', async () => {
    worker = await start();
    await deliver('whatsapp', world.whatsapp.channel.id, hookFor('66860000002', 'Still mine'));
    await waitFor('processed', async () => {
      const statuses = await statusOf(world.whatsapp.channel.id);
      return statuses.length === 1 && statuses[0] === 'processed';
    });
    const [{ id: storedEventId }] = await getDb().select({ id: inboundEvents.id }).from(inboundEvents).where(eq(inboundEvents.channelId, world.whatsapp.channel.id));
    // The renewal moves a held lease on, and leaves what is no longer processing alone.
    const [claimedNow] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, storedEventId));
    await renewLeases(getDb(), [storedEventId], 60_000);
    const [after] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, storedEventId));
    expect(after.nextAttemptAt).toEqual(claimedNow.nextAttemptAt);
    const second = hookFor('66860000003', 'Held');
    const stored = await receiveWebhook(getDb(), { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(second.body), headers: new Headers(second.headers) });
    await worker.stop();
    worker = null;
    const [held] = await claimInboundEvents(getDb(), 10, { leaseMs: 1_000 });
    expect(held.id).toBe(stored.storedEventId);
    await renewLeases(getDb(), [held.id], 60_000);
    expect(await releaseLapsedLeases(getDb(), new Date(Date.now() + 5_000))).toBe(0);
    expect(await releaseLapsedLeases(getDb(), new Date(Date.now() + 120_000))).toBe(1);
  });

  it('keeps the routing mode in memory while it listens, and reads it again as soon as the workspace changes', async () => {
    const db = getDb();
    const setMode = (routingMode: 'manual' | 'automatic') => db.update(workspaces).set({ routingMode }).where(eq(workspaces.id, world.workspace.id));
    await setMode('manual');
    worker = await start();
    expect(await routingLooksAutomatic(db, world.workspace.id)).toBe(false);
    await setMode('automatic');
    await waitFor('the new routing mode', async () => (await routingLooksAutomatic(db, world.workspace.id)) === true);
    await setMode('manual');
    await waitFor('the manual mode again', async () => (await routingLooksAutomatic(db, world.workspace.id)) === false);
  });

  it('keeps the bot’s flows in memory while it listens, and reads them again as soon as a flow or its version changes', async () => {
    const db = getDb();
    const wsId = world.workspace.id;
    const made = await flow(wsId, 'Cached', checkoutDefinition, { keywords: ['cache me'] });
    worker = await start();
    const enabledIds = async () => (await enabledFlowsOf(db, wsId)).map((f) => f.id);
    expect(await enabledIds()).toContain(made.id);
    expect(await enabledFlowsOf(db, wsId)).toBe(await enabledFlowsOf(db, wsId)); // kept, not read again
    expect(await flowVersionOf(db, wsId, made.id, made.currentVersion)).not.toBeNull();
    // Written by another process (here: a plain update): the notification drops the entry.
    await setFlowEnabled(db, wsId, made.id, false);
    await waitFor('the disabled flow to leave the enabled ones', async () => !(await enabledIds()).includes(made.id));
    await deleteFlow(db, wsId, made.id);
    await waitFor('the deleted flow’s version to be gone', async () => (await flowVersionOf(db, wsId, made.id, made.currentVersion)) === null);
  });

  it('keeps the catalogue a flow shows in memory while it listens, and reads it again as soon as stock or a collection changes', async () => {
    const db = getDb();
    const wsId = world.workspace.id;
    const { mug, summer } = await seedCatalogue(wsId);
    worker = await start();
    const mugStock = async () => (await flowCatalogue(db, wsId, { productIds: [], collectionIds: [summer.id] })).products[mug.id]?.stock;
    expect(await mugStock()).toBe(1);
    // A change nobody hears of (the table's trigger off) is not seen: the catalogue is kept.
    await db.execute(sql`alter table products disable trigger products_notify_change`);
    try {
      await db.update(products).set({ stock: 7 }).where(eq(products.id, mug.id));
    } finally {
      await db.execute(sql`alter table products enable trigger products_notify_change`);
    }
    expect(await mugStock()).toBe(1);
    // An order's reservation, an admin's edit: any heard change is read at once.
    await db.update(products).set({ stock: 3 }).where(eq(products.id, mug.id));
    await waitFor('the new stock', async () => (await mugStock()) === 3);
    await db.delete(collectionProducts).where(eq(collectionProducts.productId, mug.id));
    await waitFor('the mug to leave the collection', async () => (await mugStock()) === undefined);
  });
});
