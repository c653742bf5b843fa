// Webhook acceptance alone: the inbound worker is paused (SIGSTOP) for the run, so only the
// web process's path runs (signature check, durable insert, 200) and the figures show what
// answering costs without processing competing for the two cores. The deliveries stay
// stored; the worker processes them after it is resumed (or the next ingest run sets them
// aside).
//
//   npx tsx bench/accept.ts [--rates=200,400,600,800,1000] [--seconds=5]
//
// Budget (the answering half of the ingest line): p99 time-to-200 < 50 ms at 1,000/s.
import { pathToFileURL } from 'node:url';
import { appProcesses, useApp } from './lib/app';
import { cliOption, numberOption } from './lib/env';
import { keepAliveAgent, openLoop } from './lib/load';
import { sampleProcesses } from './lib/proc';
import { ms, Report, summarize } from './lib/report';
import { buildDeliveries, prepareIngest } from './ingest';

export async function runAccept(): Promise<Report> {
  const report = new Report('accept');
  const rates = (cliOption('rates') ?? '200,400,600,800,1000').split(',').map(Number).filter((n) => n > 0);
  const seconds = numberOption('seconds', 5);
  report.header(`webhook answers alone (worker paused) at ${rates.join(', ')}/s, ${seconds} s each`);
  const app = await useApp();
  if (!app.workerPid) throw new Error('The app runs no inbound worker (BATON_INGEST_MODE=inline?): nothing to pause');
  const ctx = await prepareIngest(app);
  process.kill(app.workerPid, 'SIGSTOP');
  const rows: { rate: number; answered: number; p50: number; p99: number; cpu: number }[] = [];
  try {
    const warm = buildDeliveries(ctx, 600, 'bench accept warm-up');
    await openLoop({ url: app.url, rate: 200, durationMs: 3000, make: (i) => warm[i], agent: keepAliveAgent(64), graceMs: 10_000 });
    console.log('  (warm-up: 200/s for 3 s)');
    for (const rate of rates) {
      const requests = buildDeliveries(ctx, rate * seconds, `bench accept ${rate}/s`);
      const agent = keepAliveAgent(256);
      const sampler = sampleProcesses(appProcesses(app));
      const load = await openLoop({ url: app.url, rate, durationMs: seconds * 1000, make: (i) => requests[i], agent, graceMs: 20_000 });
      const proc = sampler.stop();
      agent.destroy();
      const s = summarize(load.latencies);
      const cpu = proc.cpu['next-server'];
      rows.push({ rate, answered: load.achievedRate, p50: s.p50, p99: s.p99, cpu });
      console.log(
        `  ${String(rate).padStart(5)}/s  answered ${load.achievedRate.toFixed(0).padStart(5)}/s  time-to-200 p50 ${ms(s.p50).padStart(6)}  p99 ${ms(s.p99).padStart(6)} ms  ` +
          `next-server ${cpu.toFixed(2)} cores (${((cpu * 1000) / Math.max(1, load.achievedRate)).toFixed(2)} ms CPU per webhook), postgres ${proc.cpu.postgres.toFixed(2)} cores  ${JSON.stringify(load.statuses)}`,
      );
      if (s.p99 > 5000) break;
    }
  } finally {
    process.kill(app.workerPid, 'SIGCONT');
    await ctx.pool.end();
    await app.stop();
  }
  const within = rows.filter((r) => r.p99 < 50 && r.answered >= 0.95 * r.rate).map((r) => r.rate);
  const top = rows[rows.length - 1];
  report.add({ name: 'max rate answered with p99 < 50 ms', value: within.length ? Math.max(...within) : 0, unit: 'msg/s', budget: { op: '>=', value: 1000 }, note: `steps ${rates.join('/')}` });
  if (top) report.add({ name: `time-to-200 p99 at ${top.rate}/s`, value: top.p99, unit: 'ms', budget: { op: '<=', value: 50 }, note: `answered ${top.answered.toFixed(0)}/s, p50 ${ms(top.p50)} ms` });
  const busiest = rows.reduce((a, b) => (b.answered > a.answered ? b : a), rows[0]);
  if (busiest) report.add({ name: 'next-server CPU per webhook answered', value: (busiest.cpu * 1000) / busiest.answered, unit: 'ms', note: `at ${busiest.rate}/s offered` });
  report.details = { rows };
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAccept()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
