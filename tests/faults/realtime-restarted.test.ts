import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFault } from './support/report';
import { until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, agentSocket, plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// The realtime server killed while messages flow and started again on its port. Publishing
// fails meanwhile without failing anything (every delivery is processed), the agent's
// pusher-js client reconnects by itself and is shown live again what comes after, and its
// presence is listed again.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'realtime-restarted', workers: 1 });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

it('realtime server killed for 5 s: nothing fails, the agent reconnects, sees what follows and is online again', { timeout: 240_000 }, async () => {
  const warmUp = plannedDeliveries(stack, { customers: 40, perCustomer: 1, group: '77', tag: 'warm' });
  await sendAsPlatform(stack, warmUp);
  await until('the first messages to be processed', async () => (await processedCount(warmUp)) === 40, 60_000);
  const agent = agentSocket(stack);
  await agent.subscribed;
  await agent.joinExisting();
  await until('the agent to be listed online', () => agent.listedOnline(), 10_000);

  const plan = plannedDeliveries(stack, { customers: 40, perCustomer: 15, group: '77', tag: 'live' });
  const total = plan.flat().length;
  const sending = sendAsPlatform(stack, plan, { spacingMs: 1_000 });

  await until('traffic to be flowing', async () => (await processedCount(plan)) >= 80, 30_000, 50);
  await stack.realtime.kill('SIGKILL');
  await until('the agent’s client to notice', () => !agent.connected, 30_000, 50);
  const downAt = Date.now();
  await until('5 s without a realtime server', () => Date.now() - downAt >= 5_000, 6_000, 250);
  await stack.startRealtime();
  await until('the agent’s client to reconnect', () => agent.connected, 60_000, 50);
  const reconnectedAt = new Date();
  await until('the agent to be listed online again', () => agent.listedOnline(), 15_000);
  const presenceBackMs = Date.now() - reconnectedAt.getTime();

  const sent = await sending;
  await until('every delivery to settle', async () => (await processedCount(plan)) === total, 60_000);
  const result = await account(plan, sent, agent.seen);

  // What follows the reconnection is shown live again, in every conversation the agent had.
  const following = plannedDeliveries(stack, { customers: 40, perCustomer: 2, group: '77', tag: 'after' });
  await sendAsPlatform(stack, following);
  await until('what follows to be processed', async () => (await processedCount(following)) === 80, 60_000);
  await until('the agent to be shown what follows', () => following.flat().every((d) => agent.seen.has(d.text)), 10_000).catch(() => {});
  const missedAfter = following.flat().filter((d) => !agent.seen.has(d.text)).length;
  const states = agent.states.filter((st, i) => st !== agent.states[i - 1]);
  agent.close();

  recordFault('3-realtime-restarted', 'Realtime server killed (SIGKILL) for 5 s and started again', result, [
    `${plan.length} customers × ${plan[0].length} messages over ≈ 15 s; the agent's client went through ${states.join(' → ')}`,
    `not shown live while the server was down or the client reconnecting: ${total - (result.shownLive ?? 0)} (the inbox re-reads on reconnect); listed online again ${(presenceBackMs / 1000).toFixed(1)} s after reconnecting; of the 80 messages sent after, ${80 - missedAfter} shown live`,
  ]);
  expect(stack.webs[0].starts).toBe(1);
  expect(stack.workers[0].starts).toBe(1);
  expect(result).toMatchObject({ sent: total, answered200: total, stored: total, processed: total, lost: 0, duplicated: 0, outOfOrder: 0 });
  expect(missedAfter).toBe(0);
});
