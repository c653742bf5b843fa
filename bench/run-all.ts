// `npm run bench`: every benchmark against one production build and one running app, then
// one table of every figure next to its budget (also written to bench/.results/summary.md).
//
//   npm run bench                         all of them
//   npm run bench -- --only=ingest,fanout  some of them
//   npm run bench -- --summary-only        only the table of the last results
//
// Environment: BENCH_DATABASE_URL (or DATABASE_URL; default postgres://postgres@127.0.0.1:5432/baton_bench,
// created when missing; `embedded` for the app's embedded PostgreSQL), BENCH_PORT (3400),
// BENCH_PUSHER_PORT (6400), BENCH_DIST_DIR (.next-bench), BENCH_REBUILD=1 to rebuild.
// Each script also runs alone: npx tsx bench/<name>.ts (see bench/README.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeApp, ensureBuild, startApp, type RunningApp } from './lib/app';
import { resolveDatabaseUrl, stopEmbeddedDatabase } from './lib/db';
import { cliOption, machineInfo, machineLine, RESULTS_DIR, ROOT } from './lib/env';
import { budgetText, fmt, readResult, table, verdict, type Figure } from './lib/report';

type Step = { script: string; file: string; args: string[]; result: string };

const STEPS: Step[] = [
  { script: 'page-weight', file: 'page-weight.ts', args: [], result: 'page-weight' },
  { script: 'widget-weight', file: 'widget-weight.ts', args: [], result: 'widget-weight' },
  { script: 'generate-volume', file: 'generate-volume.ts', args: [], result: 'generate-volume' },
  { script: 'inbox-list', file: 'inbox-list.ts', args: ['--quiet-plans'], result: 'inbox-list' },
  { script: 'reports', file: 'reports.ts', args: [], result: 'reports' },
  { script: 'agent-ops', file: 'agent-ops.ts', args: [], result: 'agent-ops' },
  { script: 'fanout', file: 'fanout.ts', args: [], result: 'fanout' },
  { script: 'fanout-light', file: 'fanout.ts', args: ['--pusherjs=20'], result: 'fanout-light' },
  { script: 'accept', file: 'accept.ts', args: [], result: 'accept' },
  { script: 'ingest', file: 'ingest.ts', args: [], result: 'ingest' },
  { script: 'ingest-drain', file: 'ingest-drain.ts', args: [], result: 'ingest-drain' },
  { script: 'live-latency', file: 'live-latency.ts', args: [], result: 'live-latency' },
  { script: 'cobrowse', file: 'cobrowse.ts', args: [], result: 'cobrowse' },
  { script: 'recording-size', file: 'recording-size.ts', args: [], result: 'recording-size' },
  { script: 'memory', file: 'memory.ts', args: [], result: 'memory' },
];

function runScript(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', step.file), ...step.args], { cwd: ROOT, stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function markdown(rows: Array<Figure & { script: string }>): string {
  const m = machineInfo();
  const lines = [
    `Run of ${new Date().toISOString()} · ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, node ${m.node}, ${m.platform} · commit ${m.commit}${m.dirty ? ' (+ uncommitted changes in the work tree)' : ''}`,
    '',
    '| script | figure | measured | budget | | note |',
    '|---|---|---|---|---|---|',
    ...rows.map((f) => `| ${f.script} | ${f.name} | ${fmt(f.value, f.unit)} | ${budgetText(f.budget, f.unit)} | ${verdict(f)} | ${(f.note ?? '').replace(/\|/g, '/')} |`),
  ];
  return lines.join('\n');
}

async function runSteps(steps: Step[]): Promise<string[]> {
  ensureBuild();
  // Built once: a script rebuilding under the shared, running app would leave it serving an
  // older build than the manifests the scripts read (server actions then answer 409).
  delete process.env.BENCH_REBUILD;
  await resolveDatabaseUrl();
  for (const s of steps) fs.rmSync(path.join(RESULTS_DIR, `${s.result}.json`), { force: true });
  let app: RunningApp | null = null;
  const stop = async () => {
    await app?.stop();
    app = null;
    await stopEmbeddedDatabase();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  const failed: string[] = [];
  try {
    app = await startApp();
    const env = { ...process.env, BENCH_APP: describeApp(app) };
    for (const step of steps) {
      const code = await runScript(step, env);
      if (code !== 0) failed.push(step.script);
    }
  } finally {
    await stop();
  }
  return failed;
}

async function main() {
  const only = cliOption('only')?.split(',');
  const steps = STEPS.filter((s) => !only || only.includes(s.script));
  // --summary-only: no runs, just the table of the results already in bench/.results.
  const summaryOnly = cliOption('summary-only') === 'true';
  console.log(`bench: ${steps.map((s) => s.script).join(', ')}\n${machineLine()}`);
  const started = Date.now();
  const failed: string[] = [];
  if (!summaryOnly) failed.push(...(await runSteps(steps)));

  const rows = steps.flatMap((s) => (readResult(s.result)?.figures ?? []).map((f) => ({ ...f, script: s.script })));

  console.log(`\n==== bench summary (${Math.round((Date.now() - started) / 1000)} s)\n${machineLine()}\n`);
  console.log(table(rows, true));
  const misses = rows.filter((r) => r.pass === false).length;
  console.log(`\n${rows.filter((r) => r.pass === true).length} within budget, ${misses} over budget${failed.length ? `; scripts that failed: ${failed.join(', ')}` : ''}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'summary.md'), `${markdown(rows)}\n`);
  console.log(`(table saved to ${path.relative(ROOT, path.join(RESULTS_DIR, 'summary.md'))}; budgets are measured, never asserted: the exit code only says whether every script ran)`);
  process.exit(failed.length ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopEmbeddedDatabase();
  process.exit(1);
});
