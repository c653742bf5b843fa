// Realtime fan-out: 500 pusher-js agent sockets subscribed to one private workspace channel
// on the embedded realtime server (startPusherServer from realtime-server, in a process
// of its own), 100 events/s triggered through the pusher server SDK as the app publishes
// them (a conversation.updated-sized payload). Every socket must get every event; latency
// is from the trigger call to the event at each socket.
//
//   npx tsx bench/fanout.ts [--sockets=500] [--rate=100] [--seconds=20] [--procs=2] [--pusherjs=N]
//
// Budget: every socket gets every event; p99 ≤ 100 ms. The clients run in --procs
// processes of their own and share this machine's cores with the server; their event-loop
// utilisation is printed so a saturated harness is visible. --pusherjs=20 keeps 20 pusher-js
// sockets (which measure the latency) and makes the rest minimal protocol-7 clients that only
// count frames: the server does the same work, the harness far less ("fanout-light").
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, numberOption, sleep, wallNow } from './lib/env';
import { serverSdk } from './lib/pusher-client';
import { ms, Report, summarize } from './lib/report';

type Stats = { elu: number; cpuSeconds: number; rssMb: number; peakRssMb: number };
type ClientReport = { counts: number[]; latencies: number[]; elu: number };

function forkChild(file: string, env: Record<string, string>) {
  const child = fork(path.join(BENCH_DIR, 'lib', file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(type: string, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (msg: { type: string } & T) => {
        if (msg.type !== answer) return;
        child.off('message', on);
        child.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code: number | null) => reject(new Error(`${file} exited (${code}) before answering ${answer}`));
      child.on('message', on);
      child.once('exit', onExit);
      if (type) child.send({ type });
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(null);
      child.once('exit', resolve);
      child.send({ type: 'stop' });
      setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 5000).unref();
    });
  return { child, ask, stop };
}

export async function runFanout(): Promise<Report> {
  const sockets = numberOption('sockets', 500);
  const rate = numberOption('rate', 100);
  const seconds = numberOption('seconds', 20);
  const procs = Math.max(1, numberOption('procs', 2));
  const pusherjs = Math.min(sockets, numberOption('pusherjs', sockets));
  const light = pusherjs < sockets;
  const report = new Report(light ? 'fanout-light' : 'fanout');
  report.header(
    `${sockets} agent sockets (${pusherjs} pusher-js${light ? `, ${sockets - pusherjs} minimal protocol-7 clients` : ''}) in ${procs} client process(es) on one workspace channel, ${rate} events/s for ${seconds} s`,
  );

  const app = { appId: String(100000 + Math.floor(Math.random() * 900000)), key: randomBytes(10).toString('hex'), secret: randomBytes(20).toString('hex') };
  const server = forkChild('pusher-server-child.ts', { BENCH_PUSHER_APP: JSON.stringify(app) });
  const clients: Array<ReturnType<typeof forkChild>> = [];
  try {
    const { port } = await server.ask<{ port: number }>('', 'ready');
    const signer = serverSdk({ ...app, port });
    const channel = `private-workspace-${randomUUID()}`;
    const event = 'conversation.updated';
    const expected = Math.round(rate * seconds);

    const connectStart = performance.now();
    for (let p = 0; p < procs; p++) {
      const share = (n: number) => Math.floor(n / procs) + (p < n % procs ? 1 : 0);
      clients.push(forkChild('fanout-clients-child.ts', { BENCH_FANOUT_CLIENTS: JSON.stringify({ ...app, port, channel, event, pusherjs: share(pusherjs), raw: share(sockets - pusherjs) }) }));
    }
    await Promise.all(clients.map((c) => c.ask('', 'ready')));
    const connectSeconds = (performance.now() - connectStart) / 1000;
    console.log(`  ${sockets} sockets connected and subscribed in ${connectSeconds.toFixed(1)} s`);
    await sleep(500);
    await server.ask('mark', 'marked');
    await Promise.all(clients.map((c) => c.ask('mark', 'marked')));

    const interval = 1000 / rate;
    const start = performance.now();
    const triggers: Promise<unknown>[] = [];
    let triggerErrors = 0;
    for (let seq = 0; seq < expected; seq++) {
      const wait = start + seq * interval - performance.now();
      if (wait > 0) await sleep(wait);
      // A conversation.updated payload as the app sends it (lib/realtime/payloads.ts), plus the send time.
      const data = {
        id: randomUUID(),
        version: seq + 2,
        status: 'open',
        handler: 'queue',
        assigneeId: null,
        teamId: null,
        followUp: false,
        lastMessageAt: new Date().toISOString(),
        lastMessagePreview: 'Hi, is the black one still available in size M?',
        lastMessageKind: 'text',
        seq,
        t: wallNow(),
      };
      triggers.push(signer.trigger(channel, event, data).catch(() => triggerErrors++));
    }
    await Promise.all(triggers);
    const deadline = performance.now() + 15_000;
    for (;;) {
      const counts = (await Promise.all(clients.map((c) => c.ask<{ counts: number[] }>('counts', 'counts')))).flatMap((r) => r.counts);
      if (counts.every((n) => n >= expected) || performance.now() > deadline) break;
      await sleep(250);
    }
    const wall = (performance.now() - start) / 1000;
    const stats = await server.ask<Stats>('stats', 'stats');
    const reports = await Promise.all(clients.map((c) => c.ask<ClientReport>('report', 'report')));
    const counts = reports.flatMap((r) => r.counts);
    const latencies = reports.flatMap((r) => r.latencies);
    const complete = counts.filter((n) => n === expected).length;
    const delivered = counts.reduce((a, b) => a + b, 0);
    const s = summarize(latencies);
    const clientElu = reports.map((r) => `${(r.elu * 100).toFixed(0)}%`).join(', ');
    console.log(`  delivered ${delivered.toLocaleString('en')} of ${(expected * sockets).toLocaleString('en')} (${complete}/${sockets} sockets got all ${expected}); trigger errors ${triggerErrors}`);
    console.log(`  latency p50 ${ms(s.p50)} ms  p95 ${ms(s.p95)} ms  p99 ${ms(s.p99)} ms  max ${ms(s.max)} ms`);
    console.log(`  realtime server: ${(stats.cpuSeconds / wall).toFixed(2)} cores, event loop ${(stats.elu * 100).toFixed(0)}% busy, RSS ${stats.rssMb.toFixed(0)} MB (peak ${stats.peakRssMb.toFixed(0)}); client processes' event loops ${clientElu} busy`);

    report.add({ name: 'sockets that got every event', value: complete, unit: `of ${sockets}`, budget: { op: '>=', value: sockets }, note: `${delivered.toLocaleString('en')} / ${(expected * sockets).toLocaleString('en')} deliveries` });
    report.add({ name: 'delivery latency p99', value: s.p99, unit: 'ms', budget: { op: '<=', value: 100 }, note: `p50 ${ms(s.p50)} ms, max ${ms(s.max)} ms` });
    report.add({ name: 'realtime server CPU', value: stats.cpuSeconds / wall, unit: 'cores', note: `event loop ${(stats.elu * 100).toFixed(0)}% busy; client loops ${clientElu} busy` });
    report.add({ name: 'realtime server RSS (peak)', value: stats.peakRssMb, unit: 'MB', budget: { op: '<=', value: 400 } });
    report.details = { sockets, pusherjs, procs, rate, seconds, expected, complete, delivered, latency: s, server: stats, clientElu: reports.map((r) => r.elu), triggerErrors, connectSeconds };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFanout()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
