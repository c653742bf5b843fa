// The inbound worker process (started by scripts/serve.ts next to Next): processes the
// webhook deliveries the web process stored. Its environment is the app's, already
// prepared by the launcher.
import { closeDb, getDb } from '../db/client';
import { getConfig } from '../lib/config';
import { startIngestWorker } from '../lib/ingest/worker';

const concurrency = Number(process.env.BATON_WORKER_CONCURRENCY ?? 8);
const worker = await startIngestWorker({ db: getDb(), databaseUrl: getConfig().DATABASE_URL, concurrency });

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await closeDb();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
