// `npm start` with BATON_WEB_PROCESSES > 1: several `next start` processes answer on one
// port. Node's cluster keeps the listening socket in this process and hands each connection
// to the next web process in turn, so one slow or busy process never holds the port.
//
// Only the first web process runs the background work (sweep, job workers) and the demo's
// simulated platforms: they are one per app, not one per process. A web process that dies
// is started again; SIGTERM stops them all, each finishing its requests in progress.
//
//   node scripts/web-cluster.mjs start -p 3000 -H 0.0.0.0   (run by scripts/serve.ts)
import cluster from 'node:cluster';
import { setTimeout } from 'node:timers';

const count = Number(process.env.BATON_WEB_PROCESSES ?? '1');
const log = (line) => console.log(`[baton] ${line}`);

cluster.setupPrimary({ exec: 'node_modules/next/dist/bin/next', args: process.argv.slice(2) });

let stopping = false;
const running = new Set();
const restarts = new Map();

function start(index) {
  const env = { BATON_WEB_PROCESS_INDEX: String(index), ...(index > 0 ? { BATON_BACKGROUND: 'off', BATON_DEMO_PLATFORMS: 'off' } : {}) };
  const worker = cluster.fork(env);
  running.add(worker);
  worker.on('exit', (code, signal) => {
    running.delete(worker);
    if (stopping) {
      if (running.size === 0) process.exit(0);
      return;
    }
    // Back off, so a process that cannot start (a broken build) does not spin.
    const attempt = restarts.get(index) ?? 0;
    restarts.set(index, attempt + 1);
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
    log(`Web process ${index + 1} of ${count} stopped (${signal ?? `exit ${code}`}); starting it again in ${delay / 1000} s.`);
    setTimeout(() => start(index), delay).unref();
  });
}

for (let i = 0; i < count; i++) start(i);
log(`${count} web processes answer on one port.`);

function stop() {
  if (stopping) return;
  stopping = true;
  if (running.size === 0) process.exit(0);
  for (const worker of running) worker.process.kill('SIGTERM');
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
