import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { resetConfigForTests } from '@/lib/config';
import { closeDb } from '@/lib/db';
import type { FakePlatforms } from '@/fake-platforms';
import { adminQuery, databaseUrl, uniqueDatabaseName } from '../../integration/support/database';
import { createChannelWorld, withFakes, type ChannelWorld } from '../../integration/support/channel-world';
import { answers, Service, until } from './service';

// The whole app as separate real processes on one machine, for fault tests: a PostgreSQL the
// test can stop, the realtime server, one or more web processes (the production build) and
// one or more inbound workers, with the fake platforms and the test's workspace in this
// process. Every part can be killed and started again.

export type FaultDatabase = {
  url: string;
  /** Stops the server as an outage does: connected sessions are ended (fast shutdown). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';

/** A PostgreSQL of the test's own (the embedded binaries), on a fixed port across restarts. */
async function embeddedDatabase(dir: string): Promise<FaultDatabase> {
  let server = await startEmbeddedPostgres(dir);
  const port = server.port;
  let up = true;
  return {
    url: server.url,
    async stop() {
      up = false;
      await server.stop({ fast: true });
    },
    async start() {
      server = await startEmbeddedPostgres(dir, () => {}, { port });
      up = true;
    },
    async close() {
      if (up) await server.stop({ fast: true });
    },
  };
}

/**
 * A fresh database on the machine's server (DATABASE_URL). Stopping it stops the machine's
 * whole server (pg_ctlcluster, fast mode), so it is allowed only with
 * FAULTS_STOP_MACHINE_POSTGRES=1: other work on the machine loses its database meanwhile.
 */
async function machineDatabase(baseUrl: string): Promise<FaultDatabase> {
  const name = uniqueDatabaseName('baton_faults');
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const cluster = () => {
    if (process.env.FAULTS_STOP_MACHINE_POSTGRES !== '1') throw new Error('Stopping the machine’s PostgreSQL needs FAULTS_STOP_MACHINE_POSTGRES=1');
    const version = fs.readdirSync('/etc/postgresql')[0];
    return version;
  };
  return {
    url: databaseUrl(baseUrl, name),
    async stop() {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster(), 'main', 'stop', '-m', 'fast']);
    },
    async start() {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster(), 'main', 'start']);
    },
    async close() {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    },
  };
}

export type Stack = {
  dir: string;
  database: FaultDatabase;
  fakes: FakePlatforms;
  world: ChannelWorld;
  realtime: Service;
  realtimePort: number;
  webs: Service[];
  webUrls: string[];
  workers: Service[];
  pusher: { appId: string; key: string; secret: string };
  startWeb(index: number): Promise<void>;
  startRealtime(): Promise<void>;
  close(): Promise<void>;
};

export type StackOptions = {
  name: string;
  /** `embedded` (default): a PostgreSQL of the test's own; `machine`: DATABASE_URL's server. */
  database?: 'embedded' | 'machine';
  webs?: number;
  /** Next processes behind each web address (scripts/web-cluster.mjs, BATON_WEB_PROCESSES); 1: plain `next start`. */
  webProcesses?: number;
  workers?: number;
  workerEnv?: Record<string, string>;
};

export async function startStack(options: StackOptions): Promise<Stack> {
  if (!fs.existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) {
    throw new Error(`The fault tests run the production build: run \`next build\` first (looked in ${DIST_DIR}).`);
  }
  const dir = path.join(ROOT, '.data/faults', options.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  const database =
    options.database === 'machine'
      ? await machineDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
      : await embeddedDatabase(dir);
  await runMigrations(database.url);

  const pusher = { appId: '515151', key: 'faults-key', secret: randomBytes(16).toString('hex') };
  const realtimePort = await freePort();
  // This process (fixtures, checks) and every child share one configuration.
  const shared = {
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    BATON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PUSHER_APP_ID: pusher.appId,
    PUSHER_KEY: pusher.key,
    PUSHER_SECRET: pusher.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(realtimePort),
    PUSHER_USE_TLS: 'false',
    BATON_INGEST_MODE: 'worker',
    BATON_DATA_DIR: dir,
  };
  Object.assign(process.env, shared);
  resetConfigForTests();
  const fakes = await withFakes();
  const world = await createChannelWorld(fakes);

  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...shared,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: DIST_DIR,
    BATON_FETCH_ALLOW_HOSTS: process.env.BATON_FETCH_ALLOW_HOSTS,
    BATON_DEMO_PLATFORMS: 'off',
    BATON_WORKER_NICE: '0',
    // The test process stands in for the launcher: if it dies without closing the stack (a
    // crash, an out-of-memory kill), its processes stop within seconds instead of living on
    // and, through a port reused by the next stack's PostgreSQL, working on its database.
    BATON_LAUNCHER_PID: String(process.pid),
  };
  const logPath = (name: string) => path.join(dir, `${name}.log`);
  const realtime = new Service('realtime', ['--import', 'tsx', 'tests/faults/support/realtime-main.ts'], childEnv, logPath('realtime'));

  const webPorts = await Promise.all(Array.from({ length: options.webs ?? 1 }, () => freePort()));
  const webs = webPorts.map(
    (port, i) =>
      new Service(
        `web-${i + 1}`,
        [(options.webProcesses ?? 1) > 1 ? 'scripts/web-cluster.mjs' : 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
        { ...childEnv, PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, BATON_WEB_PROCESSES: String(options.webProcesses ?? 1) },
        logPath(`web-${i + 1}`),
      ),
  );
  const webUrls = webPorts.map((port) => `http://127.0.0.1:${port}`);
  const workers = Array.from(
    { length: options.workers ?? 1 },
    (_, i) => new Service(`worker-${i + 1}`, ['--import', 'tsx', 'scripts/worker.ts'], { ...childEnv, ...options.workerEnv }, logPath(`worker-${i + 1}`)),
  );

  const startRealtime = async () => {
    realtime.start();
    await until('the realtime server to listen', () => answers(`http://127.0.0.1:${realtimePort}/`).then(() => realtime.log().includes(`listening on ${realtimePort}`)), 30_000);
  };
  const startWeb = async (index: number) => {
    webs[index].start();
    await until(`${webs[index].name} to answer`, () => answers(`${webUrls[index]}/api/health`), 60_000, 200);
  };

  await startRealtime();
  await Promise.all(webs.map((_, i) => startWeb(i)));
  for (const worker of workers) worker.start();

  return {
    dir,
    database,
    fakes,
    world,
    realtime,
    realtimePort,
    webs,
    webUrls,
    workers,
    pusher,
    startWeb,
    startRealtime,
    async close() {
      await Promise.all([...webs, ...workers].map((s) => s.stop()));
      await realtime.stop();
      await closeDb();
      await fakes.close();
      await database.close();
    },
  };
}
