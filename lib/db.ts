import type { Pool } from 'pg';
import { createDb, type Db } from '@/db/client';
import { getConfig } from '@/lib/config';

// The app's one pool, built from the validated configuration: db/ knows nothing of where
// its connection string comes from (it is handed it), so the configuration is read here.

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
