// `npm run dev` / `npm start`: prepares the runtime (embedded database and realtime
// unless configured), then runs Next with the resulting environment.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { prepareRuntime } from '../lib/runtime/prepare';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const log = (line: string) => console.log(`[baton] ${line}`);

if (fs.existsSync('.env')) process.loadEnvFile('.env');

if (mode === 'start' && !fs.existsSync(`${process.env.NEXT_DIST_DIR || '.next'}/BUILD_ID`)) {
  console.error('[baton] No production build found. Run `npm run build` first (or use `npm run dev`).');
  process.exit(1);
}

let runtime: Awaited<ReturnType<typeof prepareRuntime>>;
try {
  runtime = await prepareRuntime(process.env, log);
} catch (error) {
  console.error(`[baton] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOSTNAME ?? '0.0.0.0';
const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port, '-H', host], {
  env: { NEXT_TELEMETRY_DISABLED: '1', ...runtime.env, NODE_ENV: mode === 'start' ? 'production' : 'development' },
  stdio: 'inherit',
});

const url = `http://localhost:${port}`;
log(`Baton is starting on ${url}`);
if (runtime.demoLogins) {
  log('Demo shop ready. Sign in with:');
  for (const l of runtime.demoLogins) log(`  ${l.email} / ${l.password}  (${l.role}, ${l.name})`);
} else if (runtime.embedded.database) {
  log('Demo logins: admin@demo.baton.chat, ben@demo.baton.chat, chloe@demo.baton.chat / baton-demo (unless changed)');
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill('SIGTERM');
  await runtime.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
next.on('exit', (code) => void shutdown(code ?? 0));
