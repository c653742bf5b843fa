// The inbound issue's table from one run: the three scripts that measure its rows, one
// after the other on the same machine and build, then the table with each figure beside
// its budget, printed and saved to bench/.results/inbound-table.md.
//
//   npx tsx bench/inbound-table.ts [--count=20000]
//
//   1. ingest-drain.ts --count=N --workers=1,3   processing rate, CPU, statements, pgbench ratio
//   2. accept.ts --web=1,2 --rates=400,…,1000     answering alone; memory after the overload steps
//   3. live-latency.ts --background=300           webhook → agent socket under steady load
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliOption, ROOT } from './lib/env';
import type { Figure, ScriptResult } from './lib/report';

const count = cliOption('count') ?? '20000';
const steps: { script: string; args: string[] }[] = [
  { script: 'ingest-drain', args: [`--count=${count}`, '--workers=1,3'] },
  { script: 'accept', args: ['--web=1,2', '--rates=400,600,800,1000'] },
  { script: 'live-latency', args: ['--background=300'] },
];

const results = new Map<string, ScriptResult>();
const startedAt = new Date();
for (const step of steps) {
  console.log(`\n[inbound-table] ${step.script} ${step.args.join(' ')}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${step.script}.ts`, ...step.args], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (run.status !== 0) throw new Error(`bench/${step.script}.ts failed (exit ${run.status})`);
  const file = path.join(ROOT, 'bench/.results', `${step.script}.json`);
  results.set(step.script, JSON.parse(fs.readFileSync(file, 'utf8')) as ScriptResult);
}

function figure(script: string, name: string): Figure | undefined {
  return results.get(script)?.figures.find((f) => f.name === name);
}

const show = (f: Figure | undefined, digits = 0) => (f && f.value !== null && Number.isFinite(f.value) ? `${f.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${f.unit}`.trim() : '—');
// A figure the run did not produce is no pass.
const verdict = (...figures: (Figure | undefined)[]) => (figures.every((f) => f !== undefined && f.pass !== false) ? 'ok' : '**MISS**');
const both = (a: Figure | undefined, b: Figure | undefined, digits = 0) => `${show(a, digits)} / ${show(b, digits)}`;

const drain = (name: string, workers: number) => figure('ingest-drain', `${name}, ${workers} worker${workers > 1 ? 's' : ''}`);
const accept = (name: string, web: number) => figure('accept', `${name} (${web} web process${web > 1 ? 'es' : ''})`);
const live = (name: string) => figure('live-latency', name);

const rate = [drain('processing rate', 1), drain('processing rate', 3)];
const cpu = [drain('CPU per delivery, all processes', 1), drain('CPU per delivery, all processes', 3)];
const statements = [drain('SQL statements per delivery', 1), drain('SQL statements per delivery', 3)];
const ratio = [drain('ratio to the pgbench ceiling', 1), drain('ratio to the pgbench ceiling', 3)];
// accept.ts stops raising the rate once p99 passes 5 s: the answering figure is its last step's.
const lastStep = (web: number) =>
  results.get('accept')?.figures.find((f) => f.name.startsWith('time-to-200 p99 at ') && f.name.endsWith(`(${web} web process${web > 1 ? 'es' : ''})`));
const answering = [lastStep(1), lastStep(2)];
const offeredOf = (f: Figure | undefined) => /at (\d+)\/s/.exec(f?.name ?? '')?.[1] ?? '?';
const memory = [accept('largest process RSS after the overload steps', 1), accept('largest process RSS after the overload steps', 2)];
const liveP99 = live('p99 under 300 msg/s');

const lines = [
  `Run of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${results.get('ingest-drain')?.machine.commit.slice(0, 7) ?? '?'}${results.get('ingest-drain')?.machine.dirty ? ' (+ uncommitted changes)' : ''}, ${results.get('ingest-drain')?.machine.cores ?? '?'} cores.`,
  '',
  '| figure | measured | budget | |',
  '|---|---|---|---|',
  `| processing rate, realistic mix (drain a stored backlog of ${Number(count).toLocaleString('en-US')}), 1 / 3 workers | ${both(rate[0], rate[1])} | ≥ 500 /s | ${verdict(...rate)} |`,
  `| CPU per delivery, all processes, 1 / 3 workers | ${both(cpu[0], cpu[1], 2)} | ≤ 3 ms | ${verdict(...cpu)} |`,
  `| SQL round trips per delivery (amortised), 1 / 3 workers | ${both(statements[0], statements[1], 1)} | ≤ 8 | ${verdict(...statements)} |`,
  `| webhook answering alone, p99 at 1,000 /s offered (or the last step reached), 1 / 2 web processes | ${both(answering[0], answering[1])} (${answering.map((f) => `${f?.note?.match(/answered \d+\/s/)?.[0] ?? '?'} of ${offeredOf(f)}/s offered`).join(' / ')}) | < 50 ms at 1,000 /s, all answered | ${offeredOf(answering[0]) === '1000' && offeredOf(answering[1]) === '1000' ? verdict(...answering) : '**MISS**'} |`,
  `| live: webhook → agent socket p99 under 300 /s steady background | ${show(liveP99, 1)} (${liveP99?.note ?? ''}) | ≤ 100 ms | ${verdict(liveP99)} |`,
  `| memory of every process after the overload steps, 1 / 2 web processes | ${both(memory[0], memory[1])} (${memory.map((f) => f?.note?.split(';')[0] ?? '?').join(' / ')}) | ≤ 300 MB | ${verdict(...memory)} |`,
  `| ratio to the pgbench ceiling, 1 / 3 workers | ${both(ratio[0], ratio[1], 1)} (${ratio[0]?.note ?? ''}) | ≥ 14 % | ${verdict(...ratio)} |`,
];
const table = lines.join('\n');
console.log(`\n${table}`);
fs.writeFileSync(path.join(ROOT, 'bench/.results/inbound-table.md'), `${table}\n`);
