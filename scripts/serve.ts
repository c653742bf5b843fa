// `npm run dev` / `npm start`: prepares the runtime (embedded database and realtime
// unless configured), then runs Next with the resulting environment.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { parseEnvPart } from '../lib/config';
import { prepareRuntime } from '../launcher/prepare';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const log = (line: string) => console.log(`[baton] ${line}`);

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
  return parseEnvPart(process.env, ['NEXT_DIST_DIR', 'PORT', 'HOSTNAME', 'BATON_INGEST_MODE']);
}

if (mode === 'start' && !fs.existsSync(`${launch.NEXT_DIST_DIR}/BUILD_ID`)) {
  console.error('[baton] No production build found. Run `npm run build` first (or use `npm run dev`).');
  process.exit(1);
}

let runtime: Awaited<ReturnType<typeof prepareRuntime>>;
try {
  runtime = await prepareRuntime(process.env, log);
} catch (error) {
  console.error(`[baton] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Inbound webhooks are processed by a worker process of their own unless BATON_INGEST_MODE=inline.
const useWorker = launch.BATON_INGEST_MODE === 'worker';
const appEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  ...runtime.env,
  NODE_ENV: mode === 'start' ? 'production' : 'development',
  BATON_INGEST_MODE: launch.BATON_INGEST_MODE,
} as NodeJS.ProcessEnv;

const port = String(launch.PORT);
const host = launch.HOSTNAME;
const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port, '-H', host], {
  env: appEnv,
  stdio: 'inherit',
});

let worker: ChildProcess | null = null;
let workerRestarts = 0;
function startWorker() {
  // In dev the worker restarts on code changes like Next does (tsx watch).
  const args = mode === 'dev' ? ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'scripts/worker.ts'] : ['--import', 'tsx', 'scripts/worker.ts'];
  worker = spawn(process.execPath, args, { env: appEnv, stdio: 'inherit' });
  worker.on('exit', (code, signal) => {
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

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill('SIGTERM');
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 12_000))]);
  }
  await runtime.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
next.on('exit', (code) => void shutdown(code ?? 0));
