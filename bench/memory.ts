// App memory under load: RSS of the next-server process (and of the launcher, which hosts
// the embedded realtime server) sampled from /proc/<pid>/status, idle, during an ingest run,
// and during fan-out (500 pusher-js agent sockets on the workspace channel of the app's own
// realtime server, fed by ingest: each message publishes conversation.updated there).
//
//   npx tsx bench/memory.ts [--rate=150] [--seconds=20] [--sockets=500]
//
// Budget: ≤ 400 MB.
import { pathToFileURL } from 'node:url';
import type PusherClient from 'pusher-js';
import { appProcesses, useApp } from './lib/app';
import { numberOption, sleep } from './lib/env';
import { rssMb, sampleProcesses } from './lib/proc';
import { agentClient, connected, serverSdk, subscribed } from './lib/pusher-client';
import { Report } from './lib/report';
import { ingestStep, prepareIngest } from './ingest';

export async function runMemory(): Promise<Report> {
  const rate = numberOption('rate', 150);
  const seconds = numberOption('seconds', 20);
  const sockets = numberOption('sockets', 500);
  const report = new Report('memory');
  report.header(`RSS idle, during ingest at ${rate}/s, and during fan-out to ${sockets} sockets`);
  const app = await useApp();
  const clients: PusherClient[] = [];
  try {
    const ctx = await prepareIngest(app);
    const pids = appProcesses(app);
    await sleep(2000);
    const idle = { next: rssMb(app.nextPid) ?? NaN, worker: app.workerPid ? (rssMb(app.workerPid) ?? NaN) : 0, launcher: rssMb(app.launcherPid) ?? NaN };
    console.log(`  idle: next-server ${idle.next.toFixed(0)} MB, worker ${idle.worker.toFixed(0)} MB, launcher+realtime ${idle.launcher.toFixed(0)} MB`);

    const ingest = await ingestStep(ctx, rate, seconds);
    console.log(`  ingest ${rate}/s: peak ${Object.entries(ingest.peakRssMb).map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(', ')}`);

    // Fan-out through the app: agents on the workspace channel, events from ingest.
    const pusherApp = { ...app.secrets.pusher, port: app.pusherPort };
    const signer = serverSdk(pusherApp);
    let received = 0;
    for (let i = 0; i < sockets; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, sockets - i) }, async () => {
          const client = agentClient(pusherApp, signer);
          clients.push(client);
          await connected(client, 30_000);
          const channel = await subscribed(client, `private-workspace-${ctx.workspaceId}`, 30_000);
          channel.bind('conversation.updated', () => received++);
          channel.bind('conversation.created', () => received++);
        }),
      );
    }
    const sampler = sampleProcesses(pids);
    const fan = await ingestStep(ctx, Math.min(rate, 100), seconds);
    const fanProc = sampler.stop();
    console.log(
      `  fan-out (${sockets} sockets, ingest ${Math.min(rate, 100)}/s → ${received.toLocaleString('en')} events delivered): peak next-server ${fanProc.peakMb['next-server'].toFixed(0)} MB, launcher+realtime ${fanProc.peakMb['launcher+realtime'].toFixed(0)} MB`,
    );
    await ctx.pool.end();

    const peakNext = Math.max(ingest.peakRssMb['next-server'], fanProc.peakMb['next-server']);
    const peakLauncher = Math.max(ingest.peakRssMb['launcher+realtime'], fanProc.peakMb['launcher+realtime']);
    const peakWorker = Math.max(ingest.peakRssMb.worker ?? 0, fanProc.peakMb.worker ?? 0);
    report.add({ name: 'next-server RSS peak (ingest + fan-out)', value: peakNext, unit: 'MB', budget: { op: '<=', value: 400 }, note: `idle ${idle.next.toFixed(0)} MB; ingest ${ingest.peakRssMb['next-server'].toFixed(0)}, fan-out ${fanProc.peakMb['next-server'].toFixed(0)}` });
    report.add({ name: 'launcher + embedded realtime RSS peak', value: peakLauncher, unit: 'MB', budget: { op: '<=', value: 400 }, note: `idle ${idle.launcher.toFixed(0)} MB; ${sockets} sockets connected` });
    if (peakWorker) report.add({ name: 'inbound worker RSS peak', value: peakWorker, unit: 'MB', budget: { op: '<=', value: 400 }, note: `idle ${idle.worker.toFixed(0)} MB` });
    report.add({ name: 'the app processes together, peak', value: peakNext + peakLauncher + peakWorker, unit: 'MB', note: 'sum of the peaks (an upper bound)' });
    report.details = { idle, ingest, fanout: { ...fan, peakRssMb: fanProc.peakMb, received } };
  } finally {
    for (const c of clients) c.disconnect();
    await app.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMemory()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
