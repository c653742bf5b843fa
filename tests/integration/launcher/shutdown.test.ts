// `npm run dev` stopped with Ctrl-C: the launcher, Next, the inbound worker and the
// embedded PostgreSQL, started for real on a fresh data folder, then SIGINT to the whole
// process group, as a terminal sends it. The stop must be quiet and ordered: exit 0, no
// error lines (a database stopped under its clients prints "terminating connection due to
// administrator command"), one closing line, and the database stopped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../../../db/embedded';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = path.join(root, `.data/shutdown-test-${process.pid}`);
const distDir = '.next-shutdown-test';
// `next dev` with its own build folder adds that folder to tsconfig.json's include: put the file back.
const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');

afterAll(() => {
  fs.writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
});

test('Ctrl-C stops Baton quietly and in order', { timeout: 180_000 }, async () => {
  const port = await freePort();
  // A fresh shop's environment: nothing configured, so everything embedded (the test run's
  // own DATABASE_URL, realtime placeholders and test NODE_ENV stay out).
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    BATON_DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // As `npm run dev` runs it (tsx scripts/serve.ts dev), leading a process group of its own
  // like a terminal's foreground job.
  const app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts', 'dev'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // Every part holds database connections by now: Next's pool and pg-boss, the worker's.
      if (['[jobs] workers started', '[worker] processing inbound deliveries', 'Simulated Messenger'].every((line) => output.includes(line))) resolve();
    };
    app.stdout!.on('data', onData);
    app.stderr!.on('data', onData);
  });
  const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));

  try {
    await Promise.race([ready, exited.then(() => Promise.reject(new Error(`Baton stopped while starting:\n${output}`)))]);
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(health.status).toBe(200);
    const before = output.length;

    process.kill(-app.pid!, 'SIGINT');
    const code = await exited;

    const stopLines = output.slice(before).split('\n').filter((line) => line.trim());
    expect(stopLines.filter((line) => /error|terminating connection|force killing/i.test(line))).toEqual([]);
    expect(stopLines.some((line) => line.includes('Baton stopped.'))).toBe(true);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  } finally {
    if (app.exitCode === null && app.signalCode === null) process.kill(-app.pid!, 'SIGKILL');
  }
});
