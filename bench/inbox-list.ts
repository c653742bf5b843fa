// Server time of the inbox list on a big workspace: the first page of each tab and
// filter, the tab counts, and searches by name, tag, email, phone and order number,
// calling lib/inbox/list.ts directly on the benchmark database (p50/p95 over N runs after
// warm-up), then EXPLAIN (ANALYZE, BUFFERS) of the SQL the main cases send.
//
//   npx tsx bench/inbox-list.ts [--runs=30] [--no-plans] [--quiet-plans] [--with-proposed-indexes]
//
// --with-proposed-indexes creates, for this run only, the indexes bench/RESULTS.md proposes
// (the list's order is last_message_at DESC, id DESC, which the schema's indexes, declared
// with id ascending, cannot deliver without a sort), and drops them again at the end.
//
// Budgets: p95 ≤ 30 ms for a list page, ≤ 100 ms for a search. Needs the
// generated volume (bench/generate-volume.ts); runs it first when it is missing.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { cliOption, numberOption, RESULTS_DIR } from './lib/env';
import { demoWorkspace, resolveDatabaseUrl, useAppEnvironment } from './lib/db';
import { ms, Report, summarize } from './lib/report';

/** The ordering indexes RESULTS.md proposes for db/schema/conversations.ts. */
const PROPOSED_INDEXES = [
  `create index if not exists bench_proposed_inbox_status_idx on conversations (workspace_id, status, last_message_at desc, id desc)`,
  `create index if not exists bench_proposed_inbox_handler_idx on conversations (workspace_id, status, handler, last_message_at desc, id desc)`,
  `create index if not exists bench_proposed_inbox_assignee_idx on conversations (workspace_id, status, assignee_id, last_message_at desc, id desc)`,
];
const PROPOSED_DROP = ['bench_proposed_inbox_status_idx', 'bench_proposed_inbox_handler_idx', 'bench_proposed_inbox_assignee_idx'].map(
  (name) => `drop index if exists ${name}`,
);

type Case = { name: string; kind: 'list' | 'search' | 'counts'; query?: Record<string, string>; plan?: boolean };

export async function runInboxList(): Promise<Report> {
  const proposed = cliOption('with-proposed-indexes') === 'true';
  const report = new Report(proposed ? 'inbox-list-proposed' : 'inbox-list');
  const runs = numberOption('runs', 30);
  const withPlans = cliOption('no-plans') !== 'true';
  report.header(`first page (50 rows) and search, p50/p95 of ${runs} runs${proposed ? ', WITH the proposed indexes' : ''}`);

  const url = await resolveDatabaseUrl();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  if (proposed) {
    for (const statement of PROPOSED_INDEXES) await pool.query(statement);
    await pool.query('analyze conversations');
  }
  try {
    return await measure(report, pool, runs, withPlans, proposed);
  } finally {
    if (proposed) for (const statement of PROPOSED_DROP) await pool.query(statement);
    await pool.end();
  }
}

async function measure(report: Report, pool: pg.Pool, runs: number, withPlans: boolean, proposed: boolean): Promise<Report> {
  const ws = await demoWorkspace(pool);
  const volume = await pool.query<{ n: number; m: number }>(
    `select (select count(*) from conversations where workspace_id = $1)::int as n,
            (select count(*) from messages where workspace_id = $1)::int as m`,
    [ws.id],
  );
  if (volume.rows[0].n < 100_000) {
    console.log(`[bench] the workspace has ${volume.rows[0].n} conversations: generating the volume first`);
    const { generateVolume } = await import('./generate-volume');
    await generateVolume({ contacts: 50_000, force: false });
  }
  console.log(`workspace ${ws.slug}: ${volume.rows[0].n.toLocaleString('en')} conversations, ${volume.rows[0].m.toLocaleString('en')} messages`);

  // The app's modules read their configuration once; secrets come from the bench app's data folder.
  await useAppEnvironment();
  const schema = await import('../db/schema');
  const { listConversations, countInboxTabs } = await import('../lib/inbox/list');

  const captured: Array<{ sql: string; params: unknown[] }> = [];
  let capture = false;
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery(sql, params) {
        if (capture) captured.push({ sql, params });
      },
    },
  });

  const agent = ws.staff.find((s) => s.role === 'agent') ?? ws.staff[0];
  const ctx = { workspaceId: ws.id, actor: { id: agent.id, name: agent.name, email: agent.email, role: agent.role } };
  const team = (await pool.query<{ id: string }>(`select id from teams where workspace_id = $1 order by name limit 1`, [ws.id])).rows[0]?.id;
  const whatsapp = ws.channels.find((c) => c.kind === 'whatsapp')?.id;
  const other = ws.staff.find((s) => s.id !== agent.id) ?? agent;

  // A real order number of this workspace (a volume generated before the orders table existed has none).
  const hasOrders = (await pool.query(`select to_regclass('public.orders') is not null as ok`)).rows[0].ok as boolean;
  const orderNumber = hasOrders
    ? (
        await pool.query<{ number: string }>(
          `select o.number from orders o
            where o.workspace_id = $1 and exists (select 1 from conversations c where c.contact_id = o.contact_id and c.status = 'open')
            order by o.number offset 2000 limit 1`,
          [ws.id],
        )
      ).rows[0]?.number
    : undefined;

  const cases: Case[] = [
    { name: 'tab All', kind: 'list', query: { tab: 'all' }, plan: true },
    { name: 'tab Active (mine)', kind: 'list', query: { tab: 'active' }, plan: true },
    { name: 'tab Requests', kind: 'list', query: { tab: 'requests' }, plan: true },
    { name: 'tab Bot', kind: 'list', query: { tab: 'bot' } },
    { name: 'tab Resolved', kind: 'list', query: { tab: 'resolved' } },
    { name: 'All + assigned to agent', kind: 'list', query: { tab: 'all', assigned: `agent:${other.id}` } },
    { name: 'All + unassigned', kind: 'list', query: { tab: 'all', assigned: 'unassigned' } },
    ...(team ? [{ name: 'All + team', kind: 'list' as const, query: { tab: 'all', assigned: `team:${team}` }, plan: true }] : []),
    { name: 'All + follow-up', kind: 'list', query: { tab: 'all', status: 'follow-up' }, plan: true },
    { name: 'Active + unread', kind: 'list', query: { tab: 'active', status: 'unread' }, plan: true },
    { name: 'All + unread', kind: 'list', query: { tab: 'all', status: 'unread' }, plan: true },
    { name: 'Active + resolved (my resolved)', kind: 'list', query: { tab: 'active', status: 'resolved' } },
    ...(whatsapp ? [{ name: 'All + channel WhatsApp', kind: 'list' as const, query: { tab: 'all', channel: whatsapp }, plan: true }] : []),
    { name: 'All, sort by SLA', kind: 'list', query: { tab: 'all', sort: 'sla' }, plan: true },
    { name: 'Requests, sort by SLA', kind: 'list', query: { tab: 'requests', sort: 'sla' } },
    { name: 'tab counts (4 capped counts)', kind: 'counts' },
    { name: 'search name "Nattaya Wong" (~10)', kind: 'search', query: { tab: 'all', q: 'Nattaya Wong' }, plan: true },
    { name: 'search name "Somchai" (~830)', kind: 'search', query: { tab: 'all', q: 'Somchai' } },
    { name: 'search name "an" (broad)', kind: 'search', query: { tab: 'all', q: 'an' }, plan: true },
    { name: 'search tag "Blocked courier" (549)', kind: 'search', query: { tab: 'all', q: 'Blocked courier' }, plan: true },
    { name: 'search tag "VIP" (12,500)', kind: 'search', query: { tab: 'all', q: 'VIP' }, plan: true },
    ...(orderNumber
      ? [
          { name: `search order id "#${orderNumber}"`, kind: 'search' as const, query: { tab: 'all', q: `#${orderNumber}` }, plan: true },
          { name: `search order id "${orderNumber}"`, kind: 'search' as const, query: { tab: 'all', q: String(orderNumber) } },
        ]
      : []),
    { name: 'search custom data "#104523"', kind: 'search', query: { tab: 'all', q: '#104523' }, plan: !orderNumber },
    { name: 'search digits "104523"', kind: 'search', query: { tab: 'all', q: '104523' } },
    { name: 'search email "nattaya.wong"', kind: 'search', query: { tab: 'all', q: 'nattaya.wong' } },
    { name: 'search phone "081 234"', kind: 'search', query: { tab: 'all', q: '081 234' } },
    { name: 'search "VIP" in Requests', kind: 'search', query: { tab: 'requests', q: 'VIP' } },
  ];

  const exec = (c: Case) => (c.kind === 'counts' ? countInboxTabs(db, ctx) : listConversations(db, ctx, c.query as never));
  const results: Array<{ name: string; kind: string; p50: number; p95: number; rows: number }> = [];
  const plans: string[] = [];

  for (const c of cases) {
    // Warm-up: the first runs fill caches (PostgreSQL's buffers, prepared plans, JIT of the app code).
    for (let i = 0; i < 3; i++) await exec(c);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const out = await exec(c);
      times.push(performance.now() - t);
      rows = 'rows' in out ? out.rows.length : 4;
    }
    const s = summarize(times);
    results.push({ name: c.name, kind: c.kind, p50: s.p50, p95: s.p95, rows });
    console.log(`  ${c.name.padEnd(40)} rows ${String(rows).padStart(3)}   p50 ${ms(s.p50).padStart(6)} ms   p95 ${ms(s.p95).padStart(6)} ms   max ${ms(s.max).padStart(6)} ms`);
    const budget = c.kind === 'search' ? 100 : 30;
    report.add({ name: `${c.kind === 'search' ? '' : 'list '}${c.name} p95`, value: s.p95, unit: 'ms', budget: { op: '<=', value: budget }, note: `p50 ${ms(s.p50)} ms, ${rows} rows` });

    if (withPlans && c.plan) {
      captured.length = 0;
      capture = true;
      await exec(c);
      capture = false;
      plans.push(`\n### ${c.name} (${JSON.stringify(c.query ?? {})})`);
      for (const [i, q] of captured.entries()) {
        const explained = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
        const text = explained.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
        const time = /Execution Time: ([\d.]+)/.exec(text)?.[1];
        plans.push(`\n-- query ${i + 1} of ${captured.length}${time ? ` (execution ${time} ms)` : ''}\n${q.sql}\n-- params: ${JSON.stringify(q.params).slice(0, 300)}\n${text}`);
      }
    }
  }

  const lists = results.filter((r) => r.kind !== 'search');
  const searches = results.filter((r) => r.kind === 'search');
  report.details = { runs, results };
  const worst = (rs: typeof results) => rs.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  report.add({ name: 'worst search p95', value: worst(searches).p95, unit: 'ms', budget: { op: '<=', value: 100 }, note: worst(searches).name }, 'first');
  report.add({ name: 'worst list page p95', value: worst(lists).p95, unit: 'ms', budget: { op: '<=', value: 30 }, note: worst(lists).name }, 'first');

  if (plans.length) {
    const text = `Query plans, EXPLAIN (ANALYZE, BUFFERS), ${new Date().toISOString()}\n${plans.join('\n')}\n`;
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `inbox-list${proposed ? '-proposed' : ''}-plans.txt`);
    fs.writeFileSync(file, text);
    if (cliOption('quiet-plans') !== 'true') console.log(text);
    console.log(`(plans saved to ${path.relative(process.cwd(), file)})`);
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runInboxList()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
