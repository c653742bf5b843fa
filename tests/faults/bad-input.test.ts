import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inboundEvents } from '@/db/schema';
import { metaSignature } from '@/fake-platforms';
import { getDb } from '@/lib/db';
import { recordFault } from './support/report';
import { until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// Bad input at volume beside real traffic: 10,000 bodies with a valid signature that are not
// what WhatsApp sends (5,000 not JSON, 5,000 JSON of random shapes) and 10,000 with a wrong
// signature (scaled by FAULTS_BAD_INPUT_SCALE). Every one is answered (400 / 200 stored for the admin / 401), the web process
// stays up with its memory flat, and every real message beside them is processed.

/** 1 (the default, and bench/reliability.ts): 10,000 + 10,000; CI runs a quarter of it. */
const SCALE = Number(process.env.FAULTS_BAD_INPUT_SCALE ?? 1);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'bad-input', workers: 1 });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

/** Resident memory of the web process and its children (kB). */
function webMemoryKb(): number {
  const group = execFileSync('ps', ['-o', 'rss=', '-g', String(stack.webs[0].pid)], { encoding: 'utf8' });
  return group
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.trim()), 0);
}

function randomShape(depth = 0): unknown {
  const pick = Math.floor(Math.random() * (depth > 2 ? 4 : 7));
  if (pick === 0) return Math.random() * 1e6;
  if (pick === 1) return randomBytes(8).toString('hex');
  if (pick === 2) return null;
  if (pick === 3) return Math.random() > 0.5;
  if (pick === 4) return Array.from({ length: Math.floor(Math.random() * 4) }, () => randomShape(depth + 1));
  const keys = ['object', 'entry', 'changes', 'value', 'messages', 'from', 'id', 'text', randomBytes(3).toString('hex')];
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => [keys[Math.floor(Math.random() * keys.length)], randomShape(depth + 1)]));
}

type Bad = { body: Buffer; signed: boolean; kind: 'not-json' | 'shape' | 'unsigned' };

async function sendBad(bad: Bad[], concurrency: number): Promise<Map<string, number>> {
  const url = `${stack.webUrls[0]}/api/webhooks/whatsapp/${stack.world.whatsapp.channel.id}`;
  const secret = stack.world.whatsapp.secrets.appSecret;
  const counts = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bad.length) {
        const b = bad[next++];
        const signature = b.signed ? metaSignature(b.body, secret) : metaSignature(b.body, 'not-the-secret');
        const status = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: new Uint8Array(b.body) })
          .then(async (r) => {
            await r.arrayBuffer();
            return String(r.status);
          })
          .catch(() => 'error');
        counts.set(`${b.kind} ${status}`, (counts.get(`${b.kind} ${status}`) ?? 0) + 1);
      }
    }),
  );
  return counts;
}

it('bad deliveries by the thousand beside real traffic: each answered, nothing crashes, memory flat, the real ones all processed', { timeout: 600_000 }, async () => {
  const warmUp = plannedDeliveries(stack, { customers: 20, perCustomer: 1, group: '55', tag: 'warm' });
  await sendAsPlatform(stack, warmUp);
  await until('the first messages to be processed', async () => (await processedCount(warmUp)) === 20, 60_000);
  const memoryBefore = webMemoryKb();

  const each = Math.round(5_000 * SCALE);
  const bad: Bad[] = [
    ...Array.from({ length: each }, (): Bad => ({ body: randomBytes(16 + Math.floor(Math.random() * 2_000)), signed: true, kind: 'not-json' })),
    ...Array.from({ length: each }, (): Bad => ({ body: Buffer.from(JSON.stringify(randomShape())), signed: true, kind: 'shape' })),
    ...Array.from({ length: 2 * each }, (): Bad => ({ body: Buffer.from(JSON.stringify(randomShape())), signed: false, kind: 'unsigned' })),
  ].sort(() => Math.random() - 0.5);
  const halves = [bad.slice(0, bad.length / 2), bad.slice(bad.length / 2)];

  const plan = plannedDeliveries(stack, { customers: 20, perCustomer: 15, group: '55', tag: 'real' });
  const total = plan.flat().length;
  // The bad ones in two halves: memory after each shows whether it keeps growing.
  const memoryAfterHalf: number[] = [];
  const sendingBad = (async () => {
    const counts = new Map<string, number>();
    for (const half of halves) {
      for (const [k, n] of await sendBad(half, 12)) counts.set(k, (counts.get(k) ?? 0) + n);
      memoryAfterHalf.push(webMemoryKb());
    }
    return counts;
  })();
  const [badAnswers, sent] = await Promise.all([sendingBad, sendAsPlatform(stack, plan, { spacingMs: 200, deadlineMs: 240_000 })]);
  await until('every real delivery to settle', async () => (await processedCount(plan)) === total, 90_000);
  const memoryAfter = webMemoryKb();
  const result = await account(plan, sent, null);

  // Stored for the admin to see, never processed as messages.
  const keptBad = await getDb()
    .select({ status: inboundEvents.status })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.channelId, stack.world.whatsapp.channel.id), inArray(inboundEvents.status, ['malformed', 'failed'])));

  recordFault('7-bad-input', `Bad input at volume: ${2 * each} validly signed bad bodies and ${2 * each} badly signed, beside real traffic`, result, [
    `bad deliveries answered: ${[...badAnswers].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    `web process memory (RSS): ${[memoryBefore, ...memoryAfterHalf, memoryAfter].map((kb) => `${Math.round(kb / 1024)} MB`).join(' → ')} (before, after each half, at the end); ${keptBad.length} bad deliveries kept for the admin`,
  ]);
  expect(Object.fromEntries(badAnswers)).toEqual({ 'not-json 400': each, 'shape 200': each, 'unsigned 401': 2 * each });
  expect(keptBad.length).toBeGreaterThanOrEqual(each);
  expect(stack.webs[0].running && stack.webs[0].starts === 1).toBe(true);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
});
