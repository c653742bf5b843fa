import fs from 'node:fs';
import type { Pool, PoolClient } from 'pg';

// For the benchmarks: counts the statements a process sends to PostgreSQL (every
// `query` reaching a connection: the pool's own `query` runs on one too, and transactions'
// BEGIN/COMMIT count)
// and writes the running total to a file once a second and at exit. Off unless the
// process is started with BATON_STATEMENT_COUNT_FILE.

const counted = Symbol('statementsCounted');

/** The statement's text as a histogram key: its start, enough to tell the statements apart. */
function statementKey(args: unknown[]): string {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  return text.replace(/\s+/g, ' ').trim().slice(0, 140);
}

/**
 * With `histogram`, `{file}.statements.json` also lists how often each statement was sent,
 * most frequent first: what a delivery costs, statement by statement.
 */
export function countStatementsInto(pool: Pool, file: string, options: { histogram?: boolean } = {}): void {
  let total = 0;
  const byText = new Map<string, number>();
  const wrap = <T extends { query: (...args: never[]) => unknown }>(target: T) => {
    const original = target.query.bind(target) as (...args: unknown[]) => unknown;
    (target as { query: unknown }).query = (...args: unknown[]) => {
      total += 1;
      if (options.histogram) {
        const key = statementKey(args);
        byText.set(key, (byText.get(key) ?? 0) + 1);
      }
      return original(...args);
    };
  };
  pool.on('connect', (client: PoolClient & { [counted]?: true }) => {
    if (client[counted]) return;
    client[counted] = true;
    wrap(client);
  });
  const write = () => {
    fs.writeFileSync(file, String(total));
    if (options.histogram) fs.writeFileSync(`${file}.statements.json`, JSON.stringify([...byText].sort((a, b) => b[1] - a[1]), null, 1));
  };
  setInterval(write, 1000).unref();
  process.on('exit', write);
}
