import { spawn, type ChildProcess } from 'node:child_process';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contactIdentities, conversations, inboundEvents, messages } from '@/db/schema';
import { whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { receiveWebhook } from '@/lib/ingest/receive';
import { createChannelWorld, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// The README's scale-out: three worker processes (scripts/worker.ts, as the launcher starts
// it) against one PostgreSQL drain one stored backlog. Every customer's messages arrive
// once, none lost, none twice, in the order the customer sent them.

let fakes: FakePlatforms;
let world: ChannelWorld;
const workers: ChildProcess[] = [];
beforeAll(async () => {
  fakes = await withFakes();
  world = await createChannelWorld(fakes);
});
afterAll(async () => {
  await Promise.all(workers.map(stop));
  await fakes.close();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    // Small claims, so the three take turns on the same customers' messages.
    env: { ...process.env, BATON_WORKER_CONCURRENCY: '4', BATON_WORKER_NICE: '0', BATON_LAUNCHER_PID: '' },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('three worker processes on one backlog', () => {
  it('process every delivery once, and each customer’s messages stay in their order', { timeout: 120_000 }, async () => {
    const customers = Array.from({ length: 12 }, (_, i) => `6682000${String(i).padStart(4, '0')}`);
    const perCustomer = 8;
    const ids: string[] = [];
    let at = Date.now() - 600_000;
    // Stored before any worker runs, interleaved as a busy channel receives them.
    for (let n = 1; n <= perCustomer; n++) {
      for (const waId of customers) {
        const hook = whatsappWebhook(
          { phoneNumberId: world.whatsapp.phoneNumberId, waId, name: `Customer ${waId.slice(-2)}`, text: `#${n}`, timestamp: new Date((at += 1000)) },
          world.whatsapp.secrets.appSecret,
        );
        const result = await receiveWebhook(getDb(), { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(hook.body), headers: new Headers(hook.headers) });
        expect(result.status).toBe(200);
        ids.push(result.storedEventId!);
      }
    }

    startWorker();
    startWorker();
    startWorker();
    const statusOf = async () => getDb().select({ status: inboundEvents.status }).from(inboundEvents).where(inArray(inboundEvents.id, ids));
    await waitFor('every delivery processed', async () => (await statusOf()).every((r) => r.status === 'processed'), 90_000);

    for (const waId of customers) {
      const rows = await getDb()
        .select({ body: messages.body })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .innerJoin(contactIdentities, eq(contactIdentities.contactId, conversations.contactId))
        .where(and(eq(contactIdentities.externalId, waId), eq(messages.direction, 'inbound')))
        .orderBy(asc(messages.seq));
      expect(rows.map((r) => r.body), `customer ${waId}`).toEqual(Array.from({ length: perCustomer }, (_, i) => `#${i + 1}`));
    }
  });
});
