import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from './schema';
import { getConfig } from '@/lib/config';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle: services accept either, so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type PoolOptions = {
  /**
   * 'off': commits return before their WAL flush (PostgreSQL's asynchronous commit). Only
   * for work that is re-derived from durable input after a database crash (the inbound
   * worker: every delivery it processes stays stored until it is marked processed).
   */
  synchronousCommit?: 'on' | 'off';
};

export function createDb(connectionString: string, max = 10, options: PoolOptions = {}): { db: Db; pool: Pool } {
  const pool = new Pool({
    connectionString,
    max,
    ...(options.synchronousCommit === 'off' ? { options: '-c synchronous_commit=off' } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
  return { db: drizzle(pool, { schema }), pool };
}

// Kept on globalThis so `next dev` hot reloads reuse one pool instead of leaking them.
const holder = globalThis as unknown as { __batonDb?: { db: Db; pool: Pool; url: string } };

/**
 * The app's database. Which server it reaches (embedded PostgreSQL from .data/ or the
 * one in DATABASE_URL) is decided before the app starts; here it is always a pg pool.
 */
export function getDb(): Db {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = getConfig();
  if (!holder.__batonDb || holder.__batonDb.url !== DATABASE_URL) {
    void holder.__batonDb?.pool.end();
    holder.__batonDb = { ...createDb(DATABASE_URL, DATABASE_POOL_SIZE), url: DATABASE_URL };
  }
  return holder.__batonDb.db;
}

export async function closeDb(): Promise<void> {
  const current = holder.__batonDb;
  holder.__batonDb = undefined;
  await current?.pool.end();
}
