import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFault } from './support/report';
import { until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// Three inbound worker processes against one PostgreSQL drain one stored backlog in which
// every customer has many messages waiting: whichever worker claims, a customer's messages
// are stored once each and in the order they arrived (the claim parks a later one while an
// earlier one is unfinished, and finishing it lets the next one go).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'three-workers', workers: 3 });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

it('three workers drain one backlog: nothing lost, nothing twice, each customer in order', { timeout: 240_000 }, async () => {
  await Promise.all(stack.workers.map((w) => w.stop()));
  const plan = plannedDeliveries(stack, { customers: 60, perCustomer: 20, group: '93', tag: 'backlog' });
  const total = plan.flat().length;
  const sent = await sendAsPlatform(stack, plan);
  expect(await processedCount(plan)).toBe(0); // stored and waiting: no worker runs

  const startedAt = Date.now();
  for (const worker of stack.workers) worker.start();
  await until('the backlog to drain', async () => (await processedCount(plan)) === total, 120_000, 100);
  const drainedMs = Date.now() - startedAt;
  const result = await account(plan, sent, null);

  recordFault('6b-three-workers-drain', 'Three workers drain one stored backlog (many messages per customer)', result, [
    `${plan.length} customers × ${plan[0].length} messages stored while no worker ran, then drained by 3 workers in ${(drainedMs / 1000).toFixed(1)} s`,
  ]);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
});
