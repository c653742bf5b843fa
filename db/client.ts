import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { nameStatements } from './named-statements';
import * as schema from './schema';

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
  /** Prepare each statement text once per connection (db/named-statements.ts): for a process that repeats the same few dozen. */
  namedStatements?: boolean;
};

export function createDb(connectionString: string, max = 10, options: PoolOptions = {}): { db: Db; pool: Pool } {
  const pool = new Pool({
    connectionString,
    max,
    ...(options.synchronousCommit === 'off' ? { options: '-c synchronous_commit=off' } : {}),
  });
  if (options.namedStatements) nameStatements(pool);
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (err) => {
    if (!isExpectedShutdownError(err)) console.error('[db] idle client error:', err.message);
  });
  // A client in use (held by a transaction between two statements) that loses its connection
  // has no statement to fail and emits 'error': without a listener that crashes the process.
  // The next statement on it fails instead, and the pool drops it when it is released.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (!isExpectedShutdownError(err)) console.error('[db] connection lost while in use:', err.message);
    });
  });
  return { db: drizzle(pool, { schema }), pool };
}

const shutdown = globalThis as unknown as { __batonStopping?: boolean };

/**
 * Called when this process starts its ordered stop: from then on, the database ending a
 * connection ("terminating connection due to administrator command") is the stop going as
 * planned, not a failure worth printing. Any other pool error still is.
 */
export function expectDatabaseShutdown(): void {
  shutdown.__batonStopping = true;
}

/** PostgreSQL's admin_shutdown (57P01), while this process is stopping. */
export function isExpectedShutdownError(error: unknown): boolean {
  return shutdown.__batonStopping === true && (error as { code?: unknown } | null)?.code === '57P01';
}
