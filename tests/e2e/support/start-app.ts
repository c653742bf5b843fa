// Starts the production build for the browser tests: a fresh database (on DATABASE_URL's
// server, or a fresh embedded one), the demo seed, the embedded realtime server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { adminQuery, databaseUrl } from '../../integration/support/database';
import { e2eEnv } from './env';

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(e2eEnv.port),
  HOSTNAME: 'localhost',
  AUTH_URL: e2eEnv.baseURL,
  BATON_DATA_DIR: e2eEnv.dataDir,
  BATON_SEED: 'demo',
  // The launcher adds the demo's fake platforms to this list.
  BATON_FETCH_ALLOW_HOSTS: [process.env.BATON_FETCH_ALLOW_HOSTS, `127.0.0.1:${e2eEnv.mediaPort}`, `127.0.0.1:${e2eEnv.smtpPort}`].filter(Boolean).join(','),
};
delete env.PUSHER_KEY;

fs.rmSync(e2eEnv.dataDir, { recursive: true, force: true });
if (process.env.DATABASE_URL) {
  await adminQuery(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS "${e2eEnv.databaseName}" WITH (FORCE)`);
  await adminQuery(process.env.DATABASE_URL, `CREATE DATABASE "${e2eEnv.databaseName}"`);
  env.DATABASE_URL = databaseUrl(process.env.DATABASE_URL, e2eEnv.databaseName);
}
fs.mkdirSync(e2eEnv.dataDir, { recursive: true });
if (env.DATABASE_URL) fs.writeFileSync(`${e2eEnv.dataDir}/database-url`, env.DATABASE_URL);

const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', 'start'], { env, stdio: 'inherit' });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGTERM', forward);
process.on('SIGINT', forward);
child.on('exit', (code) => process.exit(code ?? 0));
