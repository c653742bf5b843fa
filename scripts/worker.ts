// The inbound worker process (started by scripts/serve.ts next to Next): processes the
// webhook deliveries the web process stored. Its environment is the app's, already
// prepared by the launcher.
import os from 'node:os';
import { createDb, expectDatabaseShutdown } from '../db/client';
import { closeDb } from '../lib/db';
import { getConfig } from '../lib/config';
import { startIngestWorker } from '../lib/ingest/worker';
import { stopWhenLauncherGone } from '../background/launcher-watch';
import { countStatementsInto } from '../db/statement-counter';

// When the machine is short of CPU, answering webhooks (a durable insert and a 200) goes
// first: platforms retry or give up on slow answers, while stored deliveries can wait for
// the worker. A lower scheduling priority lets the kernel make that choice.
const config = getConfig();
try {
  os.setPriority(config.BATON_WORKER_NICE);
} catch {
  // not permitted here: run at normal priority
}

const concurrency = config.BATON_WORKER_CONCURRENCY;
// Asynchronous commit: the worker only derives rows from deliveries that are stored durably
// (the webhook's insert is a synchronous commit, before the 200) and stay claimable until
// marked processed, so a database crash can at worst make it process a delivery again
// (idempotent; a bot reply whose "sent" mark was lost may go out twice). It saves a WAL
// flush (~2 ms on this disk) on each of the ~6 commits per message, for latency, and leaves
// the disk to the webhook inserts that need it.
// Named statements: the worker sends the same few dozen texts for every delivery; each is
// parsed and planned once per connection instead of every time.
const { db, pool } = createDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE, { synchronousCommit: 'off', namedStatements: true });
if (process.env.BATON_STATEMENT_COUNT_FILE) countStatementsInto(pool, process.env.BATON_STATEMENT_COUNT_FILE, { histogram: process.env.BATON_STATEMENT_HISTOGRAM === '1' });
const worker = await startIngestWorker({ db, databaseUrl: config.DATABASE_URL, concurrency });

// Sent by the launcher (SIGTERM), or SIGINT when run on its own: no new claims, the
// deliveries in flight finish (bounded), the pools close, and only then does the launcher
// stop the database.
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  expectDatabaseShutdown();
  await worker.stop();
  await pool.end();
  await closeDb(); // the default pool, if anything used it
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
stopWhenLauncherGone();
