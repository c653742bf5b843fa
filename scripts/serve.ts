// `npm run dev` / `npm start`: prepares the runtime (embedded database and realtime
// unless configured), then runs Next with the resulting environment.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { parseEnvPart } from '../lib/config';
import { prepareRuntime } from '../launcher/prepare';
import { warmUpRoutes } from '../launcher/warm-up';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const log = (line: string) => console.log(`[baton] ${line}`);
/** How long Next and the worker get to finish their work in progress when stopping. */
const CHILD_STOP_MS = 12_000;

if (fs.existsSync('.env')) process.loadEnvFile('.env');

// What the launcher itself needs, read before the rest of the environment exists (the
// database and the secrets are made by prepareRuntime).
let launch: ReturnType<typeof readLaunchSettings>;
try {
  launch = readLaunchSettings();
} catch (error) {
  console.error(`[baton] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
function readLaunchSettings() {
  return parseEnvPart(process.env, ['NEXT_DIST_DIR', 'PORT', 'HOSTNAME', 'BATON_INGEST_MODE', 'BATON_WEB_PROCESSES']);
}

if (mode === 'start' && !fs.existsSync(`${launch.NEXT_DIST_DIR}/BUILD_ID`)) {
  console.error('[baton] No production build found. Run `npm run build` first (or use `npm run dev`).');
  process.exit(1);
}

// Ctrl-C reaches every process of the terminal's group at once. Next, the inbound worker and
// the embedded database therefore run in process groups of their own and only this process
// hears it: it stops them in order (below), so nothing loses its database from under it.
let stopping = false;
let stopAfterPreparing = false;
let runtime: Awaited<ReturnType<typeof prepareRuntime>> | null = null;
let next: ChildProcess | null = null;
let worker: ChildProcess | null = null;
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// A launcher that ends any other way (an uncaught error) still takes its children along.
process.on('exit', () => {
  for (const child of [next, worker]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

try {
  runtime = await prepareRuntime(process.env, log);
} catch (error) {
  console.error(`[baton] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// Asked to stop while preparing: what was prepared stops, nothing more starts.
if (stopAfterPreparing) {
  await runtime.stop();
  log('Baton stopped.');
  process.exit(0);
}

// Inbound webhooks are processed by a worker process of their own unless BATON_INGEST_MODE=inline.
const useWorker = launch.BATON_INGEST_MODE === 'worker';
const appEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  ...runtime.env,
  NODE_ENV: mode === 'start' ? 'production' : 'development',
  BATON_INGEST_MODE: launch.BATON_INGEST_MODE,
  // `next dev` gives its server process 100 ms to stop before killing it; the server's
  // ordered stop (instrumentation.ts) needs the time to let work in progress finish.
  NEXT_EXIT_TIMEOUT_MS: String(CHILD_STOP_MS),
  // So they stop by themselves if this process dies without stopping them (background/launcher-watch.ts).
  BATON_LAUNCHER_PID: String(process.pid),
} as NodeJS.ProcessEnv;

const port = String(launch.PORT);
const host = launch.HOSTNAME;
// In production, several Next processes may share the port (scripts/web-cluster.mjs); dev runs one.
const webProcesses = mode === 'start' ? launch.BATON_WEB_PROCESSES : 1;
const nextEntry = webProcesses > 1 ? 'scripts/web-cluster.mjs' : 'node_modules/next/dist/bin/next';
next = spawn(process.execPath, [nextEntry, mode, '-p', port, '-H', host], {
  env: { ...appEnv, BATON_WEB_PROCESSES: String(webProcesses) },
  stdio: 'inherit',
  detached: true,
});
next.on('exit', (code) => void shutdown(code ?? 0));

let workerRestarts = 0;
function startWorker() {
  // In dev the worker restarts on code changes like Next does (tsx watch).
  const args = mode === 'dev' ? ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'scripts/worker.ts'] : ['--import', 'tsx', 'scripts/worker.ts'];
  const child = spawn(process.execPath, args, { env: appEnv, stdio: 'inherit', detached: true });
  worker = child;
  child.on('exit', (code, signal) => {
    if (stopping) return;
    // Deliveries wait safely in PostgreSQL meanwhile; back off so a crash loop stays quiet.
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(workerRestarts++, 5));
    log(`The inbound worker stopped (${signal ?? `exit ${code}`}); restarting in ${delay / 1000} s.`);
    setTimeout(startWorker, delay).unref();
  });
}
if (useWorker) startWorker();

const url = `http://localhost:${port}`;
log(`Baton is starting on ${url}`);
if (runtime.demoLogins) {
  log('Demo shop ready. Sign in with:');
  for (const l of runtime.demoLogins) log(`  ${l.email} / ${l.password}  (${l.role}, ${l.name})`);
} else if (runtime.embedded.database) {
  log('Demo logins: admin@demo.baton.chat, ben@demo.baton.chat, chloe@demo.baton.chat / baton-demo (unless changed)');
}

// In dev, compile the routes a customer's first message goes through now rather than on it.
if (mode === 'dev') {
  void warmUpRoutes(`http://127.0.0.1:${port}`, { stopped: () => stopping }).then((warmed) => {
    if (warmed) log('First pages and webhook routes compiled: ready for the first customer message.');
  });
}

/** SIGTERM, then (past the bound) SIGKILL to its whole group; resolves once it is gone. */
async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const late = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, CHILD_STOP_MS + 3_000);
  await exited;
  clearTimeout(late);
}

/**
 * The ordered stop: Next and the worker stop taking work, finish what is in flight
 * (bounded) and close their pools; only when both are gone do the realtime server and the
 * embedded database stop.
 */
async function shutdown(code: number) {
  if (!runtime) {
    stopAfterPreparing = true; // prepareRuntime finishes its step first
    return;
  }
  if (stopping) return;
  stopping = true;
  await Promise.all([stopChild(worker), stopChild(next)]);
  await runtime.stop();
  log('Baton stopped.');
  process.exit(code);
}
