import fs from 'node:fs';
import type { Pool, PoolClient } from 'pg';

// For the benchmarks: counts the statements a process sends to PostgreSQL (every
// `query` reaching a connection: the pool's own `query` runs on one too, and transactions'
// BEGIN/COMMIT count)
// and writes the running total to a file once a second and at exit. Off unless the
// process is started with BATON_STATEMENT_COUNT_FILE.

const counted = Symbol('statementsCounted');

export function countStatementsInto(pool: Pool, file: string): void {
  let total = 0;
  const wrap = <T extends { query: (...args: never[]) => unknown }>(target: T) => {
    const original = target.query.bind(target) as (...args: unknown[]) => unknown;
    (target as { query: unknown }).query = (...args: unknown[]) => {
      total += 1;
      return original(...args);
    };
  };
  pool.on('connect', (client: PoolClient & { [counted]?: true }) => {
    if (client[counted]) return;
    client[counted] = true;
    wrap(client);
  });
  const write = () => fs.writeFileSync(file, String(total));
  setInterval(write, 1000).unref();
  process.on('exit', write);
}
