import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_PORT, DATA_DIR, DIST_DIR, PUSHER_PORT, readSecrets, ROOT, sleep, type AppSecrets } from './env';
import { resolveDatabaseUrl } from './db';
import { childrenOf, cmdline, descendants } from './proc';

// The app under test: the production build in DIST_DIR, started with scripts/serve.ts on
// the benchmark database, seeded with the demo shop, with the embedded realtime server on
// a fixed port. `npm run bench` starts it once and hands it to every script through
// BENCH_APP; a script run alone starts its own and stops it at the end.

export type RunningApp = {
  url: string;
  port: number;
  pusherPort: number;
  /** The launcher (scripts/serve.ts): it also hosts the embedded realtime server. */
  launcherPid: number;
  /** The Next.js server process (`next-server`); the first one when several answer. */
  nextPid: number;
  /** Every Next.js server process (BATON_WEB_PROCESSES), and the cluster's primary when there are several. */
  webPids: number[];
  /** The inbound worker process (scripts/worker.ts), when the app runs one. */
  workerPid: number | null;
  secrets: AppSecrets;
  /** Whether this process started it (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
};

/** Builds the app into DIST_DIR unless a build is already there (BENCH_REBUILD=1 forces one). */
export function ensureBuild(log: (line: string) => void = console.log): void {
  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  if (fs.existsSync(buildId) && process.env.BENCH_REBUILD !== '1') return;
  log(`[bench] building the app into ${DIST_DIR} (next build) …`);
  // `next build` adds its build folder's types to tsconfig.json's include; that edit is
  // ours to undo, so the shared tsconfig.json is left as it was.
  const tsconfigPath = path.join(ROOT, 'tsconfig.json');
  const before = fs.readFileSync(tsconfigPath, 'utf8');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const after = fs.readFileSync(tsconfigPath, 'utf8');
  if (after !== before) {
    const escaped = DIST_DIR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const restored = after.replace(new RegExp(`,\\s*"${escaped}/(dev/)?types/\\*\\*/\\*\\.ts"`, 'g'), '');
    if (restored === before) fs.writeFileSync(tsconfigPath, before);
  }
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The inbound worker under the launcher (scripts/worker.ts), if it runs one. */
export function findWorkerPid(launcherPid: number): number | null {
  for (const child of childrenOf(launcherPid)) if (cmdline(child).includes('scripts/worker.ts')) return child;
  return null;
}

/** The app's own processes by name, for CPU and RSS sampling (several web processes: next-server, next-server-2, …, web-cluster). */
export function appProcesses(app: RunningApp): Record<string, number> {
  const web: Record<string, number> = {};
  const servers = app.webPids.filter((pid) => cmdline(pid).startsWith('next-server'));
  servers.forEach((pid, i) => (web[i === 0 ? 'next-server' : `next-server-${i + 1}`] = pid));
  for (const pid of app.webPids) if (!servers.includes(pid)) web['web-cluster'] = pid;
  if (!servers.length) web['next-server'] = app.nextPid;
  return { ...web, ...(app.workerPid ? { worker: app.workerPid } : {}), 'launcher+realtime': app.launcherPid };
}

/** CPU of every web process together (the Next servers and the cluster's primary), from a sampler's `cpu`. */
export function webCpu(cpu: Record<string, number>): number {
  return Object.entries(cpu)
    .filter(([name]) => name.startsWith('next-server') || name === 'web-cluster')
    .reduce((sum, [, value]) => sum + value, 0);
}

/** The launcher's web processes: every next-server below it, and the cluster primary (scripts/web-cluster.mjs) if it runs one. */
export function findWebPids(launcherPid: number): number[] {
  return descendants(launcherPid).filter((pid) => {
    const cmd = cmdline(pid);
    return cmd.startsWith('next-server') || cmd.includes('scripts/web-cluster.mjs');
  });
}

/** The next-server process under the launcher: the descendant titled next-server, else the `next start` one. */
export function findNextServerPid(launcherPid: number): number | null {
  const below = descendants(launcherPid);
  return below.find((pid) => cmdline(pid).startsWith('next-server')) ?? below.filter((pid) => cmdline(pid).includes('next/dist/bin/next')).at(-1) ?? null;
}

export type StartOptions = { log?: (line: string) => void; extraEnv?: Record<string, string> };

/** Starts the app (building it first when needed) and waits until /api/health answers. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const log = options.log ?? console.log;
  ensureBuild(log);
  const databaseUrl = await resolveDatabaseUrl();
  const url = `http://127.0.0.1:${APP_PORT}`;
  if (await healthy(url)) throw new Error(`Something already answers on ${url}: set BENCH_PORT to a free port.`);

  const logFile = path.join(ROOT, DATA_DIR, 'app.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', 'start'], {
    cwd: ROOT,
    // Own process group: stopping the bench app can never touch anyone else's processes.
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      PORT: String(APP_PORT),
      HOSTNAME: '127.0.0.1',
      BATON_DATA_DIR: DATA_DIR,
      DATABASE_URL: databaseUrl,
      BATON_SEED: 'demo',
      PUSHER_PORT: String(PUSHER_PORT),
      PUSHER_BIND_HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      // The bench owns its environment: none of the caller's Pusher settings leak in.
      PUSHER_KEY: '',
      PUSHER_APP_ID: '',
      PUSHER_SECRET: '',
      PUSHER_HOST: '',
      // e.g. BENCH_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the app under load.
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      ...options.extraEnv,
    },
  });
  fs.closeSync(out);
  const launcherPid = child.pid!;
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(launcherPid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-launcherPid, 'SIGKILL'); // our own process group only
      } catch {
        // already gone
      }
    }
  };

  const deadline = Date.now() + 180_000;
  log(`[bench] starting the app on ${url} (log: ${path.relative(ROOT, logFile)}) …`);
  while (!(await healthy(url))) {
    if (exited) throw new Error(`The app exited during start; see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer /api/health within 180 s; see ${logFile}`);
    }
    await sleep(500);
  }
  const nextPid = findNextServerPid(launcherPid);
  const secrets = readSecrets();
  if (!nextPid || !secrets) {
    await stop();
    throw new Error('Could not find the next-server process or the app secrets');
  }
  // The demo platforms (fake Meta/LINE) register at start-up, after the server answers.
  await sleep(1500);
  return { url, port: APP_PORT, pusherPort: PUSHER_PORT, launcherPid, nextPid, webPids: findWebPids(launcherPid), workerPid: findWorkerPid(launcherPid), secrets, owned: true, stop };
}

/** The app started by `npm run bench` (BENCH_APP), or a new one this script owns. */
export async function useApp(options: StartOptions = {}): Promise<RunningApp> {
  const shared = process.env.BENCH_APP;
  if (shared) {
    const info = JSON.parse(shared) as Omit<RunningApp, 'stop' | 'owned' | 'secrets' | 'workerPid' | 'webPids'> & { workerPid?: number | null; webPids?: number[] };
    if (await healthy(info.url)) {
      return { ...info, webPids: info.webPids ?? [info.nextPid], workerPid: info.workerPid ?? null, secrets: readSecrets()!, owned: false, stop: async () => {} };
    }
    throw new Error(`The shared bench app at ${info.url} does not answer`);
  }
  return startApp(options);
}

export function describeApp(app: RunningApp): string {
  return JSON.stringify({ url: app.url, port: app.port, pusherPort: app.pusherPort, launcherPid: app.launcherPid, nextPid: app.nextPid, webPids: app.webPids, workerPid: app.workerPid });
}
