// Agent operations on the big workspace: take over a request, reply, resolve.
//  1. service round trip: lib/inbox/ops/take-over.ts, lib/inbox/send-reply.ts and
//     lib/inbox/ops/resolve.ts called directly (transaction, status line, audit, realtime
//     publish to the app's realtime server, routing), as the server actions call them;
//  2. server action round trip over HTTP: the same three actions POSTed to the running
//     production build with a signed-in agent's session cookie, as the browser does
//     (session, membership and role checks, the service, the RSC response).
//
//   npx tsx bench/agent-ops.ts [--runs=40]
//
// Budget: p95 ≤ 50 ms.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { useApp } from './lib/app';
import { demoWorkspace, resolveDatabaseUrl, useAppEnvironment } from './lib/db';
import { numberOption } from './lib/env';
import { ms, Report, summarize } from './lib/report';
import { callServerAction, serverActionIds, signIn } from './lib/session';

/** Open requests whose reply window is open (a customer message in the last 20 hours), oldest first. */
async function requests(pool: pg.Pool, workspaceId: string, n: number): Promise<string[]> {
  const r = await pool.query<{ id: string }>(
    `select id from conversations
      where workspace_id = $1 and status = 'open' and handler = 'queue' and assignee_id is null
        and last_customer_message_at > now() - interval '20 hours'
      order by md5(id::text) limit $2`,
    [workspaceId, n],
  );
  return r.rows.map((row) => row.id);
}

export async function runAgentOps(): Promise<Report> {
  const report = new Report('agent-ops');
  const runs = numberOption('runs', 40);
  report.header(`take over → reply → resolve, ${runs} conversations each way`);
  const app = await useApp();
  const pool = new pg.Pool({ connectionString: await resolveDatabaseUrl(), max: 2 });
  try {
    await useAppEnvironment({ pusherPort: app.pusherPort });
    const { createDb } = await import('../db/client');
    const { takeOver } = await import('../lib/inbox/ops/take-over');
    const { resolveConversation } = await import('../lib/inbox/ops/resolve');
    const { sendReply } = await import('../lib/inbox/send-reply');
    const { db, pool: appPool } = createDb(process.env.DATABASE_URL!, 10);
    const ws = await demoWorkspace(pool);
    const agent = ws.staff.find((s) => s.role === 'agent') ?? ws.staff[0];
    const ctx = { workspaceId: ws.id, actor: { id: agent.id, name: agent.name, email: agent.email, role: agent.role } };

    const ids = await requests(pool, ws.id, runs * 2 + 6);
    if (ids.length < runs * 2 + 6) throw new Error(`Only ${ids.length} open requests with an open reply window; run bench/generate-volume.ts --force`);
    const service = { takeOver: [] as number[], reply: [] as number[], resolve: [] as number[] };
    const time = async (list: number[] | null, fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      list?.push(performance.now() - t);
    };
    for (const [i, conversationId] of ids.slice(0, runs + 3).entries()) {
      const warm = i < 3;
      await time(warm ? null : service.takeOver, () => takeOver(db, ctx, { conversationId }));
      await time(warm ? null : service.reply, () => sendReply(db, ctx, { conversationId, text: 'Hello! Yes, it is in stock. Shall I reserve one for you?', note: false }));
      await time(warm ? null : service.resolve, () => resolveConversation(db, ctx, { conversationId }));
    }
    console.log('  service round trip (lib/ functions, in this process):');
    for (const [name, values] of Object.entries(service)) {
      const s = summarize(values);
      console.log(`    ${name.padEnd(9)} p50 ${ms(s.p50).padStart(6)} ms  p95 ${ms(s.p95).padStart(6)} ms  max ${ms(s.max).padStart(6)} ms`);
      report.add({ name: `service ${name} p95`, value: s.p95, unit: 'ms', budget: { op: '<=', value: 50 }, note: `p50 ${ms(s.p50)} ms, n=${s.n}` });
    }

    // Over HTTP, as server actions.
    const actions = serverActionIds();
    const actionId = (file: string, name: string) => {
      const id = actions.get(`${file}#${name}`);
      if (!id) throw new Error(`No server action ${name} in ${file} in this build`);
      return id;
    };
    const takeOverId = actionId('app/w/[slug]/inbox/operation-actions.ts', 'takeOverAction');
    const resolveId = actionId('app/w/[slug]/inbox/operation-actions.ts', 'resolveAction');
    const replyId = actionId('app/w/[slug]/inbox/actions.ts', 'sendReplyAction');
    const session = await signIn(app.url, agent.email);
    const page = `/w/${ws.slug}/inbox`;
    const http = { takeOver: [] as number[], reply: [] as number[], resolve: [] as number[] };
    const call = async (list: number[] | null, id: string, input: Record<string, unknown>) => {
      const t = performance.now();
      const res = await callServerAction(app.url, page, id, [{ workspaceId: ws.id, ...input }], session);
      const elapsed = performance.now() - t;
      if (res.status !== 200 || !res.body.includes('"ok":true')) throw new Error(`server action failed: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      list?.push(elapsed);
    };
    for (const [i, conversationId] of ids.slice(runs + 3).entries()) {
      const warm = i < 3;
      await call(warm ? null : http.takeOver, takeOverId, { conversationId });
      await call(warm ? null : http.reply, replyId, { conversationId, text: 'Thanks for waiting! Your parcel ships today.' });
      await call(warm ? null : http.resolve, resolveId, { conversationId });
    }
    console.log('  server action round trip (HTTP POST to the production build, signed in):');
    for (const [name, values] of Object.entries(http)) {
      const s = summarize(values);
      console.log(`    ${name.padEnd(9)} p50 ${ms(s.p50).padStart(6)} ms  p95 ${ms(s.p95).padStart(6)} ms  max ${ms(s.max).padStart(6)} ms`);
      report.add({ name: `server action ${name} p95`, value: s.p95, unit: 'ms', budget: { op: '<=', value: 50 }, note: `p50 ${ms(s.p50)} ms, n=${s.n}` });
    }
    report.details = { service: Object.fromEntries(Object.entries(service).map(([k, v]) => [k, summarize(v)])), http: Object.fromEntries(Object.entries(http).map(([k, v]) => [k, summarize(v)])) };
    await appPool.end();
  } finally {
    await pool.end();
    await app.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAgentOps()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
