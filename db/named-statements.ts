import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

// A hot path sends the same few dozen statements thousands of times. Named, each is parsed
// and planned by PostgreSQL once per connection (pg keeps the names it prepared per
// connection and then sends only Bind/Execute), instead of on every send. The name is
// derived from the text, so the same text always has the same name and nothing else has it.
// Texts that vary with their input (an `in ($1 … $n)` list, a multi-row insert) would fill a
// connection with one-off statements: each connection names at most MAX_NAMED, the rest go
// unnamed as before.

const MAX_NAMED = 400;
const MAX_TEXT = 8_000;
const named = Symbol('namedStatements');

type QueryConfig = { text?: unknown; name?: unknown; submit?: unknown };
type Tracked = PoolClient & { [named]?: Set<string> };

// Names by text, shared by the process's connections: hashing a text on every send cost more
// than the planning it saves on a short one. Bounded like each connection's own list.
const names = new Map<string, string>();

function nameFor(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `b${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < MAX_NAMED * 4) names.set(text, name);
  }
  return name;
}

/**
 * Names the parameterised statements (query config objects, as drizzle sends them) that every
 * connection of `pool` runs. Simple-protocol texts (BEGIN, COMMIT, a savepoint) stay as they are.
 */
export function nameStatements(pool: Pool): void {
  pool.on('connect', (client: Tracked) => {
    if (client[named]) return;
    const seen = new Set<string>();
    client[named] = seen;
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as QueryConfig | string | undefined;
      if (!config || typeof config !== 'object' || config.name || typeof config.submit === 'function' || typeof config.text !== 'string') return original(...args);
      const text = config.text;
      if (text.length > MAX_TEXT) return original(...args);
      const name = nameFor(text);
      if (!seen.has(name)) {
        if (seen.size >= MAX_NAMED) return original(...args);
        seen.add(name);
      }
      return original({ ...config, name }, ...args.slice(1));
    };
  });
}
