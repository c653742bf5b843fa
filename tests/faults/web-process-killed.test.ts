import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFault } from './support/report';
import { childProcesses, until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// Several web processes on one port (BATON_WEB_PROCESSES=2, scripts/web-cluster.mjs): the
// platform's deliveries are spread over both by the cluster. One of them is killed with
// SIGKILL mid-stream: the other keeps answering, the platform retries what got no answer,
// the killed one is started again, and every customer's messages are stored once, in order.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'web-process-killed', webs: 1, webProcesses: 2 });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

const nextServers = () => childProcesses(stack.webs[0].pid, 'next-server');

it('two web processes on one port, one killed mid-stream: the port keeps answering, it comes back, nothing lost or twice', { timeout: 240_000 }, async () => {
  await until('both web processes to run', () => nextServers().length === 2, 60_000);

  const plan = plannedDeliveries(stack, { customers: 40, perCustomer: 12, group: '89', tag: 'cluster' });
  const total = plan.flat().length;
  const sending = sendAsPlatform(stack, plan, { spacingMs: 60 });
  await until('a third answered', async () => (await processedCount(plan)) >= total / 3, 120_000, 20);
  const [victim, survivor] = nextServers();
  process.kill(victim, 'SIGKILL');
  const killedAt = Date.now();

  // The cluster starts a replacement; the survivor was never touched.
  await until('a replacement web process', () => nextServers().length === 2 && !nextServers().includes(victim), 60_000);
  const restartedMs = Date.now() - killedAt;
  expect(nextServers()).toContain(survivor);

  const sent = await sending;
  await until('every delivery to settle', async () => (await processedCount(plan)) === total, 90_000);
  const result = await account(plan, sent, null);

  recordFault('7-web-process-killed', 'Two web processes on one port (Node cluster); one killed (SIGKILL) mid-stream', result, [
    `${plan.length} customers × ${plan[0].length} messages to one address; the killed process was replaced ${(restartedMs / 1000).toFixed(1)} s later`,
  ]);
  expect(stack.webs[0].running).toBe(true);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
});
