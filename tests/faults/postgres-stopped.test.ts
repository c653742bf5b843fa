import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFault } from './support/report';
import { answers, until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, agentSocket, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// PostgreSQL stopped for 10 s (fast shutdown: every session ended, as in an outage) while
// webhooks flow, then started again. A webhook that cannot be stored is answered 503, never
// 200, so the platform delivers it again; the web process and the worker recover by
// themselves (neither is restarted); nothing answered 200 is lost or stored twice.

// FAULTS_STOP_MACHINE_POSTGRES=1: the machine's own server is stopped instead of the test's
// embedded one (every other user of it loses it meanwhile: never beside other work).
const onMachine = process.env.FAULTS_STOP_MACHINE_POSTGRES === '1';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'postgres-stopped', workers: 1, ...(onMachine ? { database: 'machine' as const } : {}) });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

it('PostgreSQL down for 10 s: 503 while down, everything answered 200 processed once, no restart', { timeout: 240_000 }, async () => {
  const warmUp = plannedDeliveries(stack, { customers: 40, perCustomer: 1, group: '33', tag: 'warm' });
  await sendAsPlatform(stack, warmUp);
  await until('the first messages to be processed', async () => (await processedCount(warmUp)) === 40, 60_000);
  const agent = agentSocket(stack);
  await agent.subscribed;
  await agent.joinExisting();

  // About 25 s of traffic: the outage falls in its middle.
  const plan = plannedDeliveries(stack, { customers: 40, perCustomer: 20, group: '33', tag: 'down' });
  const total = plan.flat().length;
  const sending = sendAsPlatform(stack, plan, { spacingMs: 1_200, deadlineMs: 180_000 });

  await until('traffic to be flowing', async () => (await processedCount(plan)) >= 40, 30_000, 50);
  await stack.database.stop();
  const downAt = Date.now();
  await until('the web process to say the database is down', async () => !(await answers(`${stack.webUrls[0]}/api/health`)), 10_000);
  // The outage lasts 10 s, measured by the clock rather than waited out in one sleep.
  await until('10 s of outage', () => Date.now() - downAt >= 10_000, 11_000, 250);
  await stack.database.start();
  const upAt = Date.now();
  await until('the web process to answer for its database again', () => answers(`${stack.webUrls[0]}/api/health`), 30_000);
  const healthyMs = Date.now() - upAt;

  const sent = await sending;
  await until('every delivery to settle', async () => (await processedCount(plan)) === total, 90_000);
  const result = await account(plan, sent, agent.seen);
  agent.close();

  recordFault(
    onMachine ? '2b-postgres-stopped-machine' : '2-postgres-stopped',
    `${onMachine ? 'The machine’s PostgreSQL server' : 'PostgreSQL'} stopped for 10 s (fast shutdown) and started again`,
    result,
    [
    `${plan.length} customers × ${plan[0].length} messages over ≈ 25 s; web healthy again ${(healthyMs / 1000).toFixed(1)} s after the database started; no process restarted`,
  ]);
  expect(stack.webs[0].starts).toBe(1);
  expect(stack.workers[0].starts).toBe(1);
  expect(stack.webs[0].running && stack.workers[0].running).toBe(true);
  // Deliveries that arrived during the outage were refused with 503 and delivered again.
  expect(result.answers['503'] ?? 0).toBeGreaterThan(0);
  expect(Object.keys(result.answers).sort()).toEqual(['200', '503']);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
});
