// Webhook acceptance alone: the inbound worker is paused (SIGSTOP) for the run, so only the
// web process's path runs (signature check, durable insert, 200) and the figures show what
// answering costs without processing competing for the two cores. The deliveries stay
// stored; the worker processes them after it is resumed (or the next ingest run sets them
// aside).
//
//   npx tsx bench/accept.ts [--rates=200,400,600,800,1000] [--seconds=5] [--web=1,2]
//
// --web: the app is started once per count of Next processes (BATON_WEB_PROCESSES) and
// measured at every rate; the CPU is that of every web process together.
//
// Budget (the answering half of the ingest line): p99 time-to-200 < 50 ms at 1,000/s.
import { pathToFileURL } from 'node:url';
import { appProcesses, useApp, webCpu } from './lib/app';
import { cliOption, numberOption } from './lib/env';
import { keepAliveAgent, openLoop } from './lib/load';
import { sampleProcesses } from './lib/proc';
import { ms, Report, summarize } from './lib/report';
import { buildDeliveries, prepareIngest } from './ingest';

type Row = { web: number; rate: number; answered: number; p50: number; p99: number; cpu: number; rssMb: Record<string, number> };

export async function runAccept(): Promise<Report> {
  const report = new Report('accept');
  const rates = (cliOption('rates') ?? '200,400,600,800,1000').split(',').map(Number).filter((n) => n > 0);
  const webCounts = (cliOption('web') ?? '1').split(',').map(Number).filter((n) => n > 0);
  const seconds = numberOption('seconds', 5);
  report.header(`webhook answers alone (worker paused) at ${rates.join(', ')}/s, ${seconds} s each, with ${webCounts.join(' and ')} web process(es)`);
  const rows: Row[] = [];
  for (const web of webCounts) rows.push(...(await acceptWith(web, rates, seconds)));

  for (const web of webCounts) {
    const mine = rows.filter((r) => r.web === web);
    const label = webCounts.length > 1 ? ` (${web} web process${web > 1 ? 'es' : ''})` : '';
    const within = mine.filter((r) => r.p99 < 50 && r.answered >= 0.95 * r.rate).map((r) => r.rate);
    const top = mine[mine.length - 1];
    report.add({ name: `max rate answered with p99 < 50 ms${label}`, value: within.length ? Math.max(...within) : 0, unit: 'msg/s', budget: { op: '>=', value: 1000 }, note: `steps ${rates.join('/')}` });
    if (top) report.add({ name: `time-to-200 p99 at ${top.rate}/s${label}`, value: top.p99, unit: 'ms', budget: { op: '<=', value: 50 }, note: `answered ${top.answered.toFixed(0)}/s, p50 ${ms(top.p50)} ms` });
    const busiest = mine.reduce((a, b) => (b.answered > a.answered ? b : a), mine[0]);
    if (busiest) report.add({ name: `web CPU per webhook answered${label}`, value: (busiest.cpu * 1000) / busiest.answered, unit: 'ms', note: `at ${busiest.rate}/s offered` });
    // What every process holds once the overload steps are over (the last step's end).
    if (top) {
      const [name, mb] = Object.entries(top.rssMb).reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
      report.add({ name: `largest process RSS after the overload steps${label}`, value: mb, unit: 'MB', budget: { op: '<=', value: 300 }, note: `${name}; ${Object.entries(top.rssMb).map(([n, v]) => `${n} ${v.toFixed(0)}`).join(', ')}` });
    }
  }
  report.details = { rows };
  report.finish();
  return report;
}

/** One app with `web` Next processes (BATON_WEB_PROCESSES), its worker paused, each rate in turn. */
async function acceptWith(web: number, rates: number[], seconds: number): Promise<Row[]> {
  const app = await useApp({ extraEnv: { BATON_WEB_PROCESSES: String(web) } });
  if (!app.workerPid) throw new Error('The app runs no inbound worker (BATON_INGEST_MODE=inline?): nothing to pause');
  const ctx = await prepareIngest(app);
  process.kill(app.workerPid, 'SIGSTOP');
  const rows: Row[] = [];
  try {
    const warm = buildDeliveries(ctx, 600, `bench accept warm-up ${web}`);
    await openLoop({ url: app.url, rate: 200, durationMs: 3000, make: (i) => warm[i], agent: keepAliveAgent(64), graceMs: 10_000 });
    console.log(`  ${web} web process${web > 1 ? 'es' : ''} (warm-up: 200/s for 3 s)`);
    for (const rate of rates) {
      const requests = buildDeliveries(ctx, rate * seconds, `bench accept ${web}x ${rate}/s`);
      const agent = keepAliveAgent(256);
      const sampler = sampleProcesses(appProcesses(app));
      const load = await openLoop({ url: app.url, rate, durationMs: seconds * 1000, make: (i) => requests[i], agent, graceMs: 20_000 });
      const proc = sampler.stop();
      agent.destroy();
      const s = summarize(load.latencies);
      const cpu = webCpu(proc.cpu);
      rows.push({ web, rate, answered: load.achievedRate, p50: s.p50, p99: s.p99, cpu, rssMb: proc.lastMb });
      console.log(
        `  ${String(rate).padStart(5)}/s  answered ${load.achievedRate.toFixed(0).padStart(5)}/s  time-to-200 p50 ${ms(s.p50).padStart(6)}  p99 ${ms(s.p99).padStart(6)} ms  ` +
          `web ${cpu.toFixed(2)} cores (${((cpu * 1000) / Math.max(1, load.achievedRate)).toFixed(2)} ms CPU per webhook), postgres ${proc.cpu.postgres.toFixed(2)} cores  ${JSON.stringify(load.statuses)}`,
      );
      if (s.p99 > 5000) break;
    }
  } finally {
    process.kill(app.workerPid, 'SIGCONT');
    await ctx.pool.end();
    await app.stop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAccept()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
