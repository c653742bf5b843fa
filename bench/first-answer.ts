// The first bot answer after a start: `npm run dev` as the README runs it (the launcher,
// `next dev`, the inbound worker), on a fresh database seeded with the demo shop; then a
// new customer writes on Messenger (a signed webhook, as the customer simulator sends it)
// and the time is taken from the POST to the bot's answer marked sent to the platform,
// for the first message after "ready" and for the ones after it.
//
//   npx tsx bench/first-answer.ts [--answers=4] [--port=3410] [--no-warm-wait]
//
// Budget: the first answer within 2 s (the later ones take well under 1 s).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { freePort } from '../db/embedded';
import { cliOption, numberOption, ROOT, sleep, wallNow, type AppSecrets } from './lib/env';
import { keepAliveAgent, sendOnce } from './lib/load';
import { ms, Report } from './lib/report';
import { delivery, loadBuilders, loadSigners, newSender, runId } from './lib/webhooks';

const DATA_DIR = '.data/bench-first-answer';
const DATABASE = 'baton_bench_first_answer';
// A build folder of its own, emptied first: a new shop's first start compiles everything.
// (`next dev` adds such a folder to tsconfig.json's include; the file is put back after.)
const DIST_DIR = '.next-first-answer';

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

export async function runFirstAnswer(): Promise<Report> {
  const report = new Report('first-answer');
  const answers = numberOption('answers', 4);
  const port = Number(cliOption('port') ?? 3410);
  report.header('`npm run dev` started fresh: webhook POST → the bot answer sent, first and later messages');

  const databaseUrl = await freshDatabase(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  fs.rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
  const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    PORT: String(port),
    PUSHER_PORT: String(await freePort()),
    DATABASE_URL: databaseUrl,
    BATON_SEED: 'demo',
    BATON_DATA_DIR: DATA_DIR,
    NEXT_DIST_DIR: DIST_DIR,
  } as NodeJS.ProcessEnv;
  // Ready: Next, the worker, the job workers and the simulated platforms up, and (when the
  // launcher warms them) the webhook routes compiled.
  const readyLines = ['[jobs] workers started', '[worker] processing inbound deliveries', 'Simulated Messenger'];
  if (!process.argv.includes('--no-warm-wait')) readyLines.push('webhook routes compiled');
  const started = wallNow();
  const app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts', 'dev'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n').filter(Boolean)) lines.push(`${((wallNow() - started) / 1000).toFixed(2)} s  ${line}`);
      if (readyLines.every((l) => output.includes(l))) resolve();
    };
    app.stdout!.on('data', onData);
    app.stderr!.on('data', onData);
    app.once('exit', () => reject(new Error(`The app stopped while starting:\n${output}`)));
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await ready;
    const readyAfter = wallNow() - started;
    report.add({ name: 'start to ready (Next, worker, jobs, simulated platforms)', value: readyAfter, unit: 'ms' });

    // The channels' secrets are encrypted with the key the launcher generated.
    const secrets = JSON.parse(fs.readFileSync(path.join(ROOT, DATA_DIR, 'secrets.json'), 'utf8')) as AppSecrets;
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: secrets.authSecret,
      BATON_ENCRYPTION_KEY: secrets.encryptionKey,
      PUSHER_APP_ID: secrets.pusher.appId,
      PUSHER_KEY: secrets.pusher.key,
      PUSHER_SECRET: secrets.pusher.secret,
      BATON_DATA_DIR: DATA_DIR,
    });
    const { rows } = await pool.query<{ id: string }>(`select id from workspaces where name = 'Demo Shop'`);
    const signer = [...(await loadSigners(pool, rows[0]!.id)).values()].find((s) => s.kind === 'facebook');
    if (!signer) throw new Error('No Messenger channel in the demo shop');
    await loadBuilders();

    const base = new URL(`http://127.0.0.1:${port}`);
    const agent = keepAliveAgent(2);
    const run = runId();
    const times: number[] = [];
    for (let i = 0; i < answers; i += 1) {
      const sender = newSender(signer, i, run);
      const at = wallNow();
      const response = await sendOnce(base, agent, delivery(signer, sender, 'Hello, are you open today?'));
      const toResponse = wallNow() - at;
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${response.body.slice(0, 200)}`);
      // The bot's answer to this customer, marked sent once the (simulated) platform took it.
      for (;;) {
        const sent = await pool.query(
          `select 1 from messages m join contact_identities ci on ci.contact_id = (select contact_id from conversations where id = m.conversation_id)
            where ci.external_id = $1 and m.sender_kind = 'bot' and m.status in ('sent', 'delivered', 'read') limit 1`,
          [sender.externalId],
        );
        if (sent.rowCount) break;
        if (wallNow() - at > 60_000) throw new Error('No bot answer within 60 s');
        await sleep(10);
      }
      const total = wallNow() - at;
      times.push(total);
      console.log(`answer ${i + 1}: ${ms(total)} ms (webhook answered 200 after ${ms(toResponse)} ms)`);
    }
    report.add({ name: 'first answer after ready: webhook POST → bot answer sent', value: times[0]!, unit: 'ms', budget: { op: '<=', value: 2_000 } });
    const later = times.slice(1).sort((a, b) => a - b);
    if (later.length) report.add({ name: `later answers, median of ${later.length}`, value: later[Math.floor(later.length / 2)]!, unit: 'ms', budget: { op: '<=', value: 1_000 } });
    report.details = { times, log: lines };
  } finally {
    await pool.end();
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      process.kill(-app.pid!, 'SIGINT');
      await exited;
    }
    fs.writeFileSync(path.join(ROOT, 'tsconfig.json'), tsconfig);
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFirstAnswer()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
