import pg from 'pg';
import { DATA_DIR, DATABASE_URL_SETTING, PUSHER_PORT, readSecrets, ROOT } from './env';
import path from 'node:path';

// The benchmark database. A real PostgreSQL by default (`baton_bench` on the local server,
// created when missing); BENCH_DATABASE_URL=embedded runs the app's embedded PostgreSQL
// in the bench data folder instead, started once by whichever bench process needs it first
// (run-all passes the resolved URL on to each script).

let embeddedStop: (() => Promise<void>) | null = null;

export async function resolveDatabaseUrl(): Promise<string> {
  if (process.env.BENCH_RESOLVED_DATABASE_URL) return process.env.BENCH_RESOLVED_DATABASE_URL;
  let url = DATABASE_URL_SETTING;
  if (url === 'embedded') {
    const { startEmbeddedPostgres } = await import('../../db/embedded');
    const database = await startEmbeddedPostgres(path.resolve(ROOT, DATA_DIR));
    embeddedStop = database.stop;
    url = database.url;
  } else {
    await ensureDatabase(url);
  }
  process.env.BENCH_RESOLVED_DATABASE_URL = url;
  return url;
}

export async function stopEmbeddedDatabase(): Promise<void> {
  await embeddedStop?.();
  embeddedStop = null;
}

/** CREATE DATABASE when the named one does not exist yet (needs a role that may create databases). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
  } finally {
    await probe.end().catch(() => {});
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    console.log(`[bench] created database ${name}`);
  } finally {
    await client.end();
  }
}

export async function withPool<T>(fn: (pool: pg.Pool) => Promise<T>, max = 4): Promise<T> {
  const pool = new pg.Pool({ connectionString: await resolveDatabaseUrl(), max });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

export type DemoWorkspace = {
  id: string;
  slug: string;
  staff: Array<{ id: string; name: string; email: string; role: 'admin' | 'agent' }>;
  channels: Array<{ id: string; kind: 'facebook' | 'whatsapp' | 'line' | 'web'; externalId: string; name: string }>;
};

/** The demo shop (`demo-shop`): the workspace every benchmark works in. */
export async function demoWorkspace(pool: pg.Pool | pg.PoolClient): Promise<DemoWorkspace> {
  const slug = process.env.BENCH_WORKSPACE_SLUG ?? 'demo-shop';
  const ws = await pool.query<{ id: string }>('select id from workspaces where slug = $1', [slug]);
  if (!ws.rows[0]) throw new Error(`No workspace "${slug}" in the benchmark database: start the app once with BATON_SEED=demo (bench does this).`);
  const id = ws.rows[0].id;
  const staff = await pool.query(
    `select u.id, u.name, u.email, m.role from memberships m join users u on u.id = m.user_id
      where m.workspace_id = $1 and m.active order by u.email`,
    [id],
  );
  const channels = await pool.query(
    `select id, kind, external_id as "externalId", name from channels where workspace_id = $1 order by kind`,
    [id],
  );
  return { id, slug, staff: staff.rows, channels: channels.rows };
}

/**
 * The environment the app's own modules (lib/, db/) read through getConfig(), so a bench
 * script can call services directly against the benchmark database and realtime server.
 * Call before importing anything from lib/.
 */
export async function useAppEnvironment(options: { pusherPort?: number } = {}): Promise<void> {
  const secrets = readSecrets();
  if (!secrets) throw new Error(`No ${DATA_DIR}/secrets.json yet: the app creates it on its first start.`);
  Object.assign(process.env, {
    DATABASE_URL: await resolveDatabaseUrl(),
    AUTH_SECRET: secrets.authSecret,
    BATON_ENCRYPTION_KEY: secrets.encryptionKey,
    PUSHER_APP_ID: secrets.pusher.appId,
    PUSHER_KEY: secrets.pusher.key,
    PUSHER_SECRET: secrets.pusher.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(options.pusherPort ?? PUSHER_PORT),
    PUSHER_USE_TLS: 'false',
    BATON_DATA_DIR: DATA_DIR,
    NODE_ENV: 'production',
  });
}
