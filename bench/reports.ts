// Server time of each report query on the generated volume (~100k conversations, ~2M
// messages), for a 30-day range and for a year, p50/p95 over --runs after warm-up; the
// business-hours variant of the durations; and the Conversations CSV for a year streamed
// through lib/reports (rows/s and the process's heap and RSS while it streams).
//
//   npx tsx bench/reports.ts [--runs=15]
//
// Budgets: p95 ≤ 300 ms per report for 30 days, ≤ 1 s for a year; the year's CSV at
// ≥ 20,000 rows/s with flat memory. Needs the generated volume (bench/generate-volume.ts)
// and the schema's migrations (applied here first).
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../db/schema';
import { runMigrations } from '../db/migrate';
import { agentsReport } from '../lib/reports/agents';
import { botReport } from '../lib/reports/bot';
import { conversationsReport } from '../lib/reports/conversations';
import { conversationsCsv } from '../lib/reports/conversations-csv';
import { reportScope, type ReportScope } from '../lib/reports/filters';
import { responseTimesReport } from '../lib/reports/response-times';
import { salesReport } from '../lib/reports/sales';
import { loadShop } from '../lib/reports/shop';
import type { BusinessHours } from '../lib/business-hours/schedule';
import { numberOption } from './lib/env';
import { demoWorkspace, resolveDatabaseUrl } from './lib/db';
import { ms, Report, summarize } from './lib/report';

type Db = ReturnType<typeof drizzle<typeof schema>>;

/** Mon–Fri 09:00–18:00 in the shop's zone, when the demo shop has no hours switched on. */
const weekdayHours = (timeZone: string): BusinessHours => ({
  week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ from: 9 * 60, to: 18 * 60 }] : [])),
  holidays: [],
  awayMessage: '',
  timeZone,
});

export async function runReportsBench(): Promise<Report> {
  const report = new Report('reports');
  const runs = numberOption('runs', 15);
  report.header(`each report query, 30 days and a year, p50/p95 of ${runs} runs; the year's Conversations CSV streamed`);
  const url = await resolveDatabaseUrl();
  await runMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = drizzle(pool, { schema }) as unknown as Db;
  try {
    const ws = await demoWorkspace(pool);
    const shop = await loadShop(db as never, ws.id);
    const latest = (await pool.query<{ at: Date }>('select max(created_at) as at from conversations where workspace_id = $1', [ws.id])).rows[0].at;
    const to = new Date(latest).toISOString().slice(0, 10);
    const minus = (days: number) => new Date(Date.parse(`${to}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const admin = { workspaceId: ws.id, actor: { id: ws.staff[0].id, role: 'admin' as const } };
    const scopes: Array<{ label: string; budget: number; scope: ReportScope }> = [
      { label: '30 days', budget: 300, scope: reportScope(admin, { from: minus(29), to, businessHours: false }, shop.zone) },
      { label: 'a year', budget: 1000, scope: reportScope(admin, { from: minus(364), to, businessHours: false }, shop.zone) },
    ];
    const hours = shop.hours ?? weekdayHours(shop.zone);
    const queries: Array<{ name: string; run: (s: ReportScope) => Promise<unknown> }> = [
      { name: 'conversations', run: (s) => conversationsReport(db as never, s) },
      { name: 'response times + SLA', run: (s) => responseTimesReport(db as never, s, hours) },
      { name: 'response times, business hours', run: (s) => responseTimesReport(db as never, { ...s, businessHours: true }, hours) },
      { name: 'agents', run: (s) => agentsReport(db as never, s) },
      { name: 'bot', run: (s) => botReport(db as never, s) },
      { name: 'sales', run: (s) => salesReport(db as never, s) },
      { name: 'conversations, one channel', run: (s) => conversationsReport(db as never, { ...s, channel: ws.channels[0]?.id }) },
    ];
    for (const { label, budget, scope } of scopes) {
      for (const q of queries) {
        for (let i = 0; i < 2; i++) await q.run(scope);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await q.run(scope);
          times.push(performance.now() - t0);
        }
        const s = summarize(times);
        report.add({ name: `${q.name}, ${label} p95`, value: s.p95, unit: 'ms', budget: { op: '<=', value: budget }, note: `p50 ${ms(s.p50)} ms` });
      }
    }
    await streamCsv(report, db, scopes[1].scope);
  } finally {
    await pool.end();
  }
  report.finish();
  return report;
}

/** A forced full collection, so what is measured is what the stream keeps, not its garbage. */
function collector(): () => void {
  if (global.gc) return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The year's Conversations CSV through the same generator the route streams, bytes counted
 * and dropped. Flat memory: the heap retained after a forced collection, sampled every few
 * batches while the stream runs, stays where it started.
 */
async function streamCsv(report: Report, db: Db, scope: ReportScope) {
  const gc = collector();
  let rows = -1;
  let bytes = 0;
  let chunks = 0;
  const retained: number[] = [];
  const sample = () => {
    gc();
    retained.push(process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  let paused = 0;
  for await (const chunk of conversationsCsv(db as never, scope)) {
    bytes += Buffer.byteLength(chunk);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) rows++;
    // Every 5th batch (and the first): the collection's time is not the stream's.
    if (chunks++ % 5 === 1) {
      const p0 = performance.now();
      sample();
      paused += performance.now() - p0;
    }
  }
  const seconds = (performance.now() - t0 - paused) / 1000;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const first = retained[0] ?? 0;
  const most = Math.max(...retained);
  report.add({ name: 'Conversations CSV, a year', value: Math.round(rows / seconds), unit: 'rows/s', budget: { op: '>=', value: 20_000 }, note: `${rows.toLocaleString('en')} rows, ${mb(bytes)} MB in ${seconds.toFixed(1)} s` }, 'first');
  report.add({
    name: 'Conversations CSV retained heap growth',
    value: Number(mb(most - first)),
    unit: 'MB',
    note: `after a forced GC every 5 batches (${retained.length} samples): ${mb(first)} MB at the 2nd batch, at most ${mb(most)} MB, ${mb(retained.at(-1) ?? 0)} MB at the end (file ${mb(bytes)} MB)`,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runReportsBench()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
