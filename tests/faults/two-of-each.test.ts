import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFault } from './support/report';
import { until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, agentSocket, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// The README's scale-out: two web processes behind one address (the platform's deliveries
// spread over both) and two inbound workers on one PostgreSQL. One worker is killed with
// SIGKILL mid-stream and stays dead: the other takes over the deliveries it held once their
// lease lapses, and every customer's messages are stored once, in order.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'two-of-each', webs: 2, workers: 2, workerEnv: { BATON_WORKER_CONCURRENCY: '8' } });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

it('two web processes and two workers, one worker killed for good: nothing lost, nothing twice, order kept', { timeout: 240_000 }, async () => {
  const warmUp = plannedDeliveries(stack, { customers: 50, perCustomer: 1, group: '88', tag: 'warm' });
  await sendAsPlatform(stack, warmUp);
  await until('the first messages to be processed', async () => (await processedCount(warmUp)) === 50, 60_000);
  const agent = agentSocket(stack);
  await agent.subscribed;
  await agent.joinExisting();

  const plan = plannedDeliveries(stack, { customers: 50, perCustomer: 16, group: '88', tag: 'spread' });
  const total = plan.flat().length;
  const sending = sendAsPlatform(stack, plan, { spacingMs: 100 });
  await until('a third processed', async () => (await processedCount(plan)) >= total / 3, 120_000, 20);
  await stack.workers[0].kill('SIGKILL');
  const killedAt = Date.now();

  const sent = await sending;
  await until('every delivery to settle', async () => (await processedCount(plan)) === total, 90_000);
  const settledMs = Date.now() - killedAt;
  const result = await account(plan, sent, agent.seen);
  agent.close();

  recordFault('6-two-of-each', 'Two web processes and two workers on one PostgreSQL; one worker killed (SIGKILL) for good', result, [
    `${plan.length} customers × ${plan[0].length} messages spread over both web processes; all settled ${(settledMs / 1000).toFixed(1)} s after the kill by the surviving worker`,
  ]);
  expect(stack.workers[1].running).toBe(true);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
});
