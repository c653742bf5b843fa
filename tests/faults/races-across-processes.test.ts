import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, conversations, memberships, messages, workspaces } from '@/db/schema';
import { getDb } from '@/lib/db';
import { addMember, createUser } from '../integration/support/fixtures';
import { prepareAction, serverActionId, signInOverHttp, type ActionAnswer } from './support/agent-http';
import { onlineAs } from './support/presence';
import { recordFault } from './support/report';
import { until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { account, plannedDeliveries, processedCount, sendAsPlatform, type Delivery } from './support/traffic';

// The README's scale-out (two web processes and two inbound workers on one PostgreSQL) under
// the two races that only a lock in the database can settle:
// - twenty agents, half on each web process, take the same waiting request at the same
//   moment through the real server action: one gets it, the others are told who did;
// - with automatic routing, customers' first messages arrive at once through both web
//   processes and are routed by both workers, then agents free capacity through both web
//   processes: no agent ever holds more than their capacity, and every request is either
//   assigned or waiting.

const PASSWORD = 'race-agent-password';
const INBOX = (stack: Stack) => `/w/${stack.world.workspace.slug}/inbox`;
const OPERATIONS = 'app/w/[slug]/inbox/operation-actions.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'races-across-processes', webs: 2, workers: 2, workerEnv: { BATON_WORKER_CONCURRENCY: '8' } });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

type Agent = { id: string; name: string; email: string; web: number; cookie: string };

/** Members of the workspace, signed in over HTTP, agent i on web process i mod 2. */
async function signedInAgents(prefix: string, count: number): Promise<Agent[]> {
  const db = getDb();
  const made = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(db, `${prefix} ${i + 1}`, PASSWORD);
    await addMember(db, stack.world.workspace.id, user.id, 'agent');
    made.push(user);
  }
  return Promise.all(
    made.map(async (u, i) => ({ id: u.id, name: u.name, email: u.email, web: i % 2, cookie: await signInOverHttp(stack.webUrls[i % 2], u.email, PASSWORD) })),
  );
}

async function conversationsOf(plan: Delivery[][]): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ id: messages.conversationId })
    .from(messages)
    .where(inArray(messages.externalId, plan.flat().map((d) => d.wamid)));
  return rows.map((r) => r.id);
}

const statusLines = async (conversationId: string) =>
  (await getDb().select({ body: messages.body }).from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'status')))).map((r) => r.body);

it('twenty agents on two web processes take the same request at once: one gets it, nineteen are told who', { timeout: 120_000 }, async () => {
  const plan = plannedDeliveries(stack, { customers: 1, perCustomer: 1, group: '77', tag: 'claim' });
  const sent = await sendAsPlatform(stack, plan);
  await until('the request to be processed', async () => (await processedCount(plan)) === 1, 60_000);
  const [conversationId] = await conversationsOf(plan);
  const agents = await signedInAgents('Claimer', 20);

  // Each web process loads the inbox's actions once, and the mechanism is checked on a harmless call.
  const counts = serverActionId('app/w/[slug]/inbox/list-actions.ts', 'loadInboxCountsAction');
  for (const web of [0, 1]) {
    const agent = agents.find((a) => a.web === web)!;
    const answer = await prepareAction(stack.webUrls[web], INBOX(stack), counts, agent.cookie, [{ workspaceId: stack.world.workspace.id }])();
    expect(answer.result).toMatchObject({ ok: true });
  }

  const db = getDb();
  const [before] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  expect(before).toMatchObject({ status: 'open', handler: 'queue', assigneeId: null });
  const linesBefore = await statusLines(conversationId);

  const takeOver = serverActionId(OPERATIONS, 'takeOverAction');
  const calls = agents.map((a) => prepareAction(stack.webUrls[a.web], INBOX(stack), takeOver, a.cookie, [{ workspaceId: stack.world.workspace.id, conversationId }]));
  const startedAt = Date.now();
  const answers: ActionAnswer[] = await Promise.all(calls.map((call) => call()));
  const tookMs = Date.now() - startedAt;

  const [after] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  const winners = agents.filter((_, i) => (answers[i].result as { ok: boolean }).ok);
  const losers = answers.filter((a) => !(a.result as { ok: boolean }).ok);
  const winner = agents.find((a) => a.id === after.assigneeId);
  const linesAfter = await statusLines(conversationId);
  const takeOverAudits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, stack.world.workspace.id), eq(auditLog.action, 'conversation.take_over'), eq(auditLog.targetId, conversationId)));
  const toldWho = losers.filter((l) => (l.result as { code?: string; error?: string }).error === `${winner?.name} already took this conversation.`);
  const losersByWeb = [0, 1].map((web) => agents.filter((a, i) => a.web === web && !(answers[i].result as { ok: boolean }).ok).length);

  recordFault('6-two-of-each-claim-race', 'Two web processes on one PostgreSQL: 20 agents take the same request at the same moment', await account(plan, sent, null), [
    `20 signed-in agents (10 on each web process) sent the inbox's take-over action at once; all answered in ${(tookMs / 1000).toFixed(1)} s`,
    `${winners.length} took it (${winner?.name}, web process ${winner ? winner.web + 1 : '?'}); ${toldWho.length} were told "${winner?.name} already took this conversation." (${losersByWeb[0]} on web 1, ${losersByWeb[1]} on web 2)`,
    `${linesAfter.length - linesBefore.length} status line written ("${linesAfter.slice(linesBefore.length).join('", "')}"), version ${before.version} → ${after.version}, ${takeOverAudits.length} audit row`,
  ], `${winners.length} of 20 took it; ${toldWho.length} told who did (${losersByWeb[0]} on web 1, ${losersByWeb[1]} on web 2); ${linesAfter.length - linesBefore.length} status line; version +${after.version - before.version}`);

  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(winners).toHaveLength(1);
  expect(winner?.id).toBe(winners[0].id);
  expect(after).toMatchObject({ status: 'open', handler: 'agent', assigneeId: winners[0].id, version: before.version + 1 });
  expect(losers).toHaveLength(19);
  for (const loser of losers) expect(loser.result).toEqual({ ok: false, code: 'conflict', error: `${winner!.name} already took this conversation.` });
  expect(losersByWeb[0] + losersByWeb[1]).toBe(19);
  expect(Math.min(...losersByWeb)).toBeGreaterThanOrEqual(9); // both processes raced
  expect(linesAfter).toEqual([...linesBefore, `${winner!.name} took over`]);
  expect(takeOverAudits).toHaveLength(1);
});

it('automatic routing from two workers and two web processes: nobody over capacity, every request assigned or waiting', { timeout: 150_000 }, async () => {
  const CAPACITY = 4;
  const db = getDb();
  const routers = await signedInAgents('Router', 5);
  await db
    .update(memberships)
    .set({ availability: 'online', capacity: CAPACITY })
    .where(and(eq(memberships.workspaceId, stack.world.workspace.id), inArray(memberships.userId, routers.map((r) => r.id))));
  const online = routers.map((r) => onlineAs(stack, r));
  await Promise.all(online.map((o) => o.subscribed));
  await db.update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, stack.world.workspace.id));

  // Every customer's first message at once, spread over both web processes, two workers routing.
  const plan = plannedDeliveries(stack, { customers: 60, perCustomer: 2, group: '78', tag: 'route' });
  const total = plan.flat().length;
  const sent = await sendAsPlatform(stack, plan);
  await until('every delivery to be processed', async () => (await processedCount(plan)) === total, 60_000);
  const ids = await conversationsOf(plan);
  const slots = routers.length * CAPACITY;

  const census = async () => {
    const rows = await db
      .select({ id: conversations.id, status: conversations.status, handler: conversations.handler, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(inArray(conversations.id, ids));
    const load = new Map(routers.map((r) => [r.id, 0]));
    for (const r of rows) if (r.status === 'open' && r.handler === 'agent' && r.assigneeId) load.set(r.assigneeId, (load.get(r.assigneeId) ?? 0) + 1);
    return {
      rows,
      load,
      assigned: rows.filter((r) => r.status === 'open' && r.handler === 'agent' && r.assigneeId !== null),
      waiting: rows.filter((r) => r.status === 'open' && r.handler === 'queue' && r.assigneeId === null),
    };
  };
  await until('every slot to be filled', async () => (await census()).assigned.length >= slots, 30_000);
  const first = await census();

  // Every agent lets all theirs go at once, through both web processes: each resolve routes
  // the waiting requests (in the web process) while the others' resolves do the same.
  const resolveId = serverActionId(OPERATIONS, 'resolveAction');
  const resolves = first.assigned.map((c) => {
    const agent = routers.find((r) => r.id === c.assigneeId)!;
    const web = (routers.indexOf(agent) + first.assigned.indexOf(c)) % 2;
    return prepareAction(stack.webUrls[web], INBOX(stack), resolveId, agent.cookie, [{ workspaceId: stack.world.workspace.id, conversationId: c.id }]);
  });
  const resolved = await Promise.all(resolves.map((call) => call()));
  await until('the freed slots to be filled again', async () => (await census()).assigned.length >= slots, 30_000);
  const second = await census();
  const audits = await db
    .select({ targetId: auditLog.targetId })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, stack.world.workspace.id), eq(auditLog.action, 'conversation.auto_assigned'), inArray(auditLog.targetId, ids)));
  for (const o of online) o.close();

  const maxLoad = (c: typeof first) => Math.max(...c.load.values());
  const neither = (c: typeof first) => c.rows.length - c.assigned.length - c.waiting.length - c.rows.filter((r) => r.status === 'resolved').length;
  recordFault('6-two-of-each-routing-capacity', 'Two web processes and two workers on one PostgreSQL: automatic routing of 60 requests arriving at once', await account(plan, sent, null), [
    `${routers.length} agents online with capacity ${CAPACITY} (${slots} slots); ${plan.length} customers × ${plan[0].length} messages over both web processes, routed by both workers`,
    `after the burst: ${first.assigned.length} assigned, ${first.waiting.length} waiting, ${neither(first)} neither; busiest agent ${maxLoad(first)}/${CAPACITY}`,
    `then all ${resolved.length} resolved at once over both web processes (${resolved.filter((r) => (r.result as { ok: boolean }).ok).length} ok): ${second.assigned.length} assigned, ${second.waiting.length} waiting, ${neither(second)} neither; busiest agent ${maxLoad(second)}/${CAPACITY}; ${audits.length} automatic assignments in all`,
  ], `busiest agent ${maxLoad(first)}/${CAPACITY} after the burst, ${maxLoad(second)}/${CAPACITY} after ${resolved.length} resolves at once; ${neither(first) + neither(second)} requests neither assigned nor waiting; ${new Set(audits.map((a) => a.targetId)).size} conversations assigned, ${audits.length - new Set(audits.map((a) => a.targetId)).size} twice`);

  expect(sent.accepted.size).toBe(total);
  expect(ids).toHaveLength(plan.length);
  for (const c of [first, second]) {
    expect(maxLoad(c)).toBeLessThanOrEqual(CAPACITY);
    expect(c.assigned).toHaveLength(slots);
    expect(neither(c)).toBe(0);
  }
  expect(first.waiting).toHaveLength(plan.length - slots);
  expect(resolved.every((r) => (r.result as { ok: boolean }).ok)).toBe(true);
  expect(second.rows.filter((r) => r.status === 'resolved')).toHaveLength(slots);
  expect(second.waiting).toHaveLength(plan.length - 2 * slots);
  // Each conversation assigned by the system once: no pass assigned what another had.
  expect(audits).toHaveLength(2 * slots);
  expect(new Set(audits.map((a) => a.targetId)).size).toBe(2 * slots);
});
