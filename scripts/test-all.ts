// `npm test`: every tier in one go — lint (ESLint and the import-boundary rules), unit and
// integration (Vitest, real PostgreSQL and realtime server), then the browser tests
// (production build + Chromium), then the fault tests on that build. Exits non-zero if any tier fails, and ends with one
// "N passed, N failed" line over all of them (each lint check counts as one).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const reports = '.data/reports';
fs.mkdirSync(reports, { recursive: true });
let passed = 0;
let failed = 0;
const problems: string[] = [];

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) problems.push(`${label} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function ensureChromium(): boolean {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(path)) return true;
  if (process.getuid?.() !== 0) {
    problems.push(`Chromium not found at ${path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    return false;
  }
  console.log('Chromium is missing: installing Debian\'s chromium package for the browser tests…');
  return run('install chromium', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
}

const bin = (name: string) => `node_modules/.bin/${name}`;

// 1. Lint: both checks run, each counts as one test; a failure fails the run but the tests
// still run, so one run shows everything that is wrong.
for (const check of ['lint:code', 'lint:boundaries']) {
  if (run(check, 'npm', ['run', '--silent', check])) passed += 1;
  else failed += 1;
}

// 2. Unit + integration
const vitestReport = `${reports}/vitest.json`;
fs.rmSync(vitestReport, { force: true });
run('unit + integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestReport);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}

// 3. Browser tests on a production build
const e2eReport = `${reports}/playwright.json`;
fs.rmSync(e2eReport, { force: true });
if (ensureChromium() && run('build', bin('next'), ['build'])) {
  run('browser', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport });
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(e2eReport);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
  }

  // 4. Fault tests on the same build: real processes killed and restarted while traffic
  // flows (a quarter of the bad-input volume here; bench/reliability.ts runs all of it).
  const faultsReport = `${reports}/faults.json`;
  fs.rmSync(faultsReport, { force: true });
  run('faults', bin('vitest'), ['run', '--config', 'vitest.faults.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${faultsReport}`], {
    FAULTS_BAD_INPUT_SCALE: '0.25',
  });
  const faults = readJson<{ numPassedTests: number; numFailedTests: number }>(faultsReport);
  if (faults) {
    passed += faults.numPassedTests;
    failed += faults.numFailedTests;
  }
}

console.log('');
for (const p of problems) console.log(`problem: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
