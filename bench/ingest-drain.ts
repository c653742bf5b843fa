// Processing rate on a stored backlog: signed Messenger / WhatsApp / LINE deliveries (the
// realistic mix of bench/ingest.ts: 90% returning customers, 10% new; the Welcome flow
// answers new conversations and its reply goes through the outbox; agents' screens are told)
// are POSTed while the workers are paused, then the workers drain them. With 1 and with 3
// worker processes, in the same run:
//
//   - the rate (deliveries / time from the first to the last one processed),
//   - CPU per delivery of every process (workers, next-server, launcher + realtime, PostgreSQL),
//   - SQL statements per delivery (counted on the workers' connections),
//   - the workers' memory,
//   - and the PostgreSQL ceiling: pgbench running the same small ingest transaction (a raw
//     event insert, a message insert, a conversation update; 8 clients, synchronous commit)
//     against the same server, so the ratio holds on a noisy machine.
//
//   npx tsx bench/ingest-drain.ts [--count=20000] [--workers=1,3] [--fill-rate=400]
//
// Budgets: ≥ 500 deliveries/s, ≤ 3 ms CPU and ≤ 8 statements per delivery, ≥ 14% of pgbench.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appProcesses, useApp, type RunningApp } from './lib/app';
import { resolveDatabaseUrl } from './lib/db';
import { cliOption, numberOption, ROOT, sleep } from './lib/env';
import { keepAliveAgent, openLoop } from './lib/load';
import { cpuSeconds, postgresCpuSeconds, rssMb } from './lib/proc';
import { Report } from './lib/report';
import { buildDeliveries, prepareIngest, queriesPerDelivery, type IngestContext } from './ingest';

type DrainResult = {
  workers: number;
  count: number;
  processed: number;
  failed: number;
  rate: number;
  wallSeconds: number;
  cpuMsPerDelivery: Record<string, number>;
  cpuMsTotal: number;
  statementsPerDelivery: number;
  peakWorkerRssMb: number;
};

/** The environment the launcher gave the app's worker, to start more like it. */
function workerEnvironment(app: RunningApp): Record<string, string> {
  if (!app.workerPid) throw new Error('The app runs no inbound worker (BATON_INGEST_MODE=inline?)');
  const raw = fs.readFileSync(`/proc/${app.workerPid}/environ`, 'utf8');
  const env: Record<string, string> = {};
  for (const entry of raw.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

// e.g. BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the bench's workers.
const workerNodeArgs = () => (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

// BENCH_WORKER_CONCURRENCY: the deliveries each bench worker has in flight (the app's setting otherwise).
const workerConcurrency = () => (process.env.BENCH_WORKER_CONCURRENCY ? { BATON_WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {});

type BenchWorker = { child: ChildProcess; countFile: string };

/** Starts a worker process and waits until it takes work; it is paused (SIGSTOP) until the drain. */
async function startPausedWorker(env: Record<string, string>, index: number): Promise<BenchWorker> {
  const countFile = path.join(os.tmpdir(), `baton-drain-statements-${process.pid}-${index}`);
  fs.rmSync(countFile, { force: true });
  const child = spawn(process.execPath, [...workerNodeArgs(), '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    // BENCH_STATEMENT_HISTOGRAM=1: each worker also writes {countFile}.statements.json (how often each statement was sent).
    env: {
      ...env,
      BATON_STATEMENT_COUNT_FILE: countFile,
      BATON_WORKER_NICE: '0',
      ...(process.env.BENCH_STATEMENT_HISTOGRAM === '1' ? { BATON_STATEMENT_HISTOGRAM: '1' } : {}),
      ...workerConcurrency(),
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`  [worker ${index}] ${chunk.toString()}`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('A bench worker did not start within 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('processing inbound deliveries')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`A bench worker exited during start (${code})`)));
  });
  child.kill('SIGSTOP');
  return { child, countFile };
}

async function stopWorker(worker: BenchWorker) {
  if (worker.child.exitCode !== null) return;
  worker.child.kill('SIGCONT');
  worker.child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      worker.child.kill('SIGKILL');
      resolve();
    }, 15_000);
    worker.child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const statementsOf = (w: BenchWorker) => Number(fs.existsSync(w.countFile) ? fs.readFileSync(w.countFile, 'utf8') : 0);

async function batchCounts(ctx: IngestContext, since: Date) {
  const r = await ctx.pool.query<{ backlog: number; processed: number; failed: number; first: Date | null; last: Date | null }>(
    `select count(*) filter (where status in ('pending', 'waiting', 'processing'))::int as backlog,
            count(*) filter (where status = 'processed')::int as processed,
            count(*) filter (where status in ('failed', 'malformed'))::int as failed,
            min(processed_at) as first, max(processed_at) as last
       from inbound_events where received_at >= $1`,
    [since],
  );
  return r.rows[0];
}

/** Stores `count` deliveries with the workers paused, then lets `workers` processes drain them. */
async function drain(ctx: IngestContext, env: Record<string, string>, workers: number, count: number, fillRate: number): Promise<DrainResult> {
  console.log(`\n  ${workers} worker(s): starting them paused …`);
  const started: BenchWorker[] = [];
  try {
    for (let i = 0; i < workers; i++) started.push(await startPausedWorker(env, i));
    const since = new Date(Date.now() - 1000);
    console.log(`  storing ${count} deliveries at ${fillRate}/s …`);
    const requests = buildDeliveries(ctx, count, `bench drain ×${workers}`);
    const agent = keepAliveAgent(128);
    const load = await openLoop({ url: ctx.app.url, rate: fillRate, durationMs: (count / fillRate) * 1000, make: (i) => requests[i], agent, graceMs: 60_000 });
    agent.destroy();
    const answered = load.statuses['200'] ?? 0;
    if (answered < count) console.log(`  (only ${answered} of ${count} answered 200: ${JSON.stringify(load.statuses)})`);

    const pids: Record<string, number> = { ...appProcesses(ctx.app) };
    delete pids.worker; // the app's own worker stays paused for the whole run
    started.forEach((w, i) => (pids[`worker ${i}`] = w.child.pid!));
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid) ?? 0]));
    const pgBefore = postgresCpuSeconds();
    const statementsBefore = started.map(statementsOf);
    let peakWorkerRssMb = 0;

    const t0 = performance.now();
    for (const w of started) w.child.kill('SIGCONT');
    let counts = await batchCounts(ctx, since);
    while (counts.backlog > 0 && performance.now() - t0 < 30 * 60_000) {
      await sleep(250);
      for (const w of started) peakWorkerRssMb = Math.max(peakWorkerRssMb, rssMb(w.child.pid!) ?? 0);
      counts = await batchCounts(ctx, since);
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    // The notifications and routing run detached after each delivery: let them finish before reading CPU.
    await sleep(1500);
    const cpuMs: Record<string, number> = {};
    for (const [k, pid] of Object.entries(pids)) cpuMs[k] = ((cpuSeconds(pid) ?? 0) - cpuBefore[k]) * 1000;
    cpuMs.postgres = (postgresCpuSeconds() - pgBefore) * 1000;
    await sleep(1100); // the counters are written once a second
    const statements = started.reduce((sum, w, i) => sum + statementsOf(w) - statementsBefore[i], 0);

    const processed = counts.processed;
    const windowSeconds = counts.first && counts.last ? Math.max(0.001, (counts.last.getTime() - counts.first.getTime()) / 1000) : wallSeconds;
    const perDelivery = Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, v / Math.max(1, processed)]));
    const result: DrainResult = {
      workers,
      count,
      processed,
      failed: counts.failed,
      rate: processed / windowSeconds,
      wallSeconds,
      cpuMsPerDelivery: perDelivery,
      cpuMsTotal: Object.values(perDelivery).reduce((a, b) => a + b, 0),
      statementsPerDelivery: statements / Math.max(1, processed),
      peakWorkerRssMb,
    };
    console.log(
      `  drained ${processed} (${counts.failed} failed${counts.backlog ? `, ${counts.backlog} left` : ''}) at ${result.rate.toFixed(0)}/s, ` +
        `CPU ${result.cpuMsTotal.toFixed(2)} ms per delivery (${Object.entries(perDelivery)
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', ')}), ${result.statementsPerDelivery.toFixed(1)} statements per delivery, worker RSS peak ${peakWorkerRssMb.toFixed(0)} MB`,
    );
    return result;
  } finally {
    await Promise.all(started.map(stopWorker));
  }
}

/** pgbench on the same server with the same small ingest transaction: what PostgreSQL alone can commit. */
async function pgbenchCeiling(databaseUrl: string, seconds: number): Promise<number | null> {
  const psql = (command: string) => spawnSync('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], { encoding: 'utf8' });
  const setup = psql(`
    drop schema if exists bench_ceiling cascade;
    create schema bench_ceiling;
    create table bench_ceiling.events (id bigserial primary key, received_at timestamptz not null default now(), body jsonb not null);
    create table bench_ceiling.conversations (id int primary key, last_message_at timestamptz, messages int not null default 0);
    create table bench_ceiling.messages (id bigserial primary key, conversation_id int not null references bench_ceiling.conversations, body text not null, created_at timestamptz not null default now());
    insert into bench_ceiling.conversations (id) select generate_series(1, 1000);`);
  if (setup.status !== 0) {
    console.log(`  (pgbench ceiling skipped: ${setup.stderr.trim()})`);
    return null;
  }
  const script = path.join(os.tmpdir(), `baton-ceiling-${process.pid}.sql`);
  fs.writeFileSync(
    script,
    `\\set conv random(1, 1000)
begin;
insert into bench_ceiling.events (body) values ('{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message":{"mid":"m","text":"is the black one still available in size M?"}}]}]}');
insert into bench_ceiling.messages (conversation_id, body) values (:conv, 'is the black one still available in size M?');
update bench_ceiling.conversations set last_message_at = now(), messages = messages + 1 where id = :conv;
end;
`,
  );
  const run = spawnSync('pgbench', ['-n', '-c', '8', '-j', '2', '-T', String(seconds), '-f', script, databaseUrl], { encoding: 'utf8' });
  psql('drop schema if exists bench_ceiling cascade');
  fs.rmSync(script, { force: true });
  const tps = /tps = ([\d.]+)/.exec(run.stdout)?.[1];
  if (!tps) {
    console.log(`  (pgbench ceiling failed: ${run.stderr.trim() || run.stdout.trim()})`);
    return null;
  }
  return Number(tps);
}

export async function runIngestDrain(): Promise<Report> {
  const report = new Report('ingest-drain');
  const count = numberOption('count', 20_000);
  const fillRate = numberOption('fill-rate', 400);
  const workerCounts = (cliOption('workers') ?? '1,3').split(',').map(Number).filter((n) => n > 0);
  report.header(`a stored backlog of ${count} deliveries drained by ${workerCounts.join(' and ')} worker process(es)`);
  const app = await useApp();
  let ctx: IngestContext | null = null;
  const results: DrainResult[] = [];
  let ceiling: number | null = null;
  try {
    ctx = await prepareIngest(app);
    const env = workerEnvironment(app);
    // The app's own worker would take the backlog too: it stays paused while the bench's drain it.
    process.kill(app.workerPid!, 'SIGSTOP');
    try {
      console.log('  pgbench ceiling (same server, same small ingest transaction, 8 clients, 10 s) …');
      ceiling = await pgbenchCeiling(await resolveDatabaseUrl(), 10);
      if (ceiling) console.log(`  pgbench: ${ceiling.toFixed(0)} transactions/s`);
      // Warm-up: routes compiled, pools filled, caches loaded.
      await drain(ctx, env, 1, Math.min(500, count), fillRate);
      console.log('  (warm-up above)');
      for (const workers of workerCounts) results.push(await drain(ctx, env, workers, count, fillRate));
      // One delivery's statements, in order, to see what is left to take out.
      const q = await queriesPerDelivery(ctx, 3);
      console.log(`\n  one delivery processed alone: ${q.process.toFixed(1)} statements (${q.receive.toFixed(1)} to receive it). The last one's:`);
      for (const line of q.statements) console.log(`    ${line}`);
    } finally {
      process.kill(app.workerPid!, 'SIGCONT');
    }
  } finally {
    await ctx?.pool.end();
    await app.stop();
  }
  for (const r of results) {
    const suffix = `, ${r.workers} worker${r.workers > 1 ? 's' : ''}`;
    report.add({ name: `processing rate${suffix}`, value: r.rate, unit: 'msg/s', budget: { op: '>=', value: 500 }, note: `${r.processed} of ${r.count} processed, ${r.failed} failed, drained in ${r.wallSeconds.toFixed(1)} s` });
    report.add({
      name: `CPU per delivery, all processes${suffix}`,
      value: r.cpuMsTotal,
      unit: 'ms',
      budget: { op: '<=', value: 3 },
      note: Object.entries(r.cpuMsPerDelivery)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', '),
    });
    report.add({ name: `SQL statements per delivery${suffix}`, value: r.statementsPerDelivery, unit: '', budget: { op: '<=', value: 8 }, note: 'every statement the workers sent, BEGIN/COMMIT included' });
    report.add({ name: `peak worker RSS${suffix}`, value: r.peakWorkerRssMb, unit: 'MB', budget: { op: '<=', value: 300 } });
    if (ceiling) report.add({ name: `ratio to the pgbench ceiling${suffix}`, value: (100 * r.rate) / ceiling, unit: '%', budget: { op: '>=', value: 14 }, note: `pgbench ${ceiling.toFixed(0)} tx/s` });
  }
  report.details = { results, ceiling };
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runIngestDrain()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
