import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Where the benchmarks run: which database, which build folder, which port, and what the
// machine is. Everything can be overridden by environment variables (see bench/README.md).

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const RESULTS_DIR = path.join(BENCH_DIR, '.results');

/** The build the benchmarks run against: its own folder, so a running dev server is left alone. */
export const DIST_DIR = process.env.BENCH_DIST_DIR ?? process.env.NEXT_DIST_DIR ?? '.next-bench';
/** Secrets, files and (when embedded) the database of the benchmark app. */
export const DATA_DIR = process.env.BENCH_DATA_DIR ?? '.data/bench';
export const APP_PORT = Number(process.env.BENCH_PORT ?? 3400);
export const PUSHER_PORT = Number(process.env.BENCH_PUSHER_PORT ?? 6400);

/**
 * The benchmark database: BENCH_DATABASE_URL, else DATABASE_URL, else `baton_bench` on the
 * local PostgreSQL. `embedded` (BENCH_DATABASE_URL=embedded) starts the embedded PostgreSQL
 * in DATA_DIR instead (see bench/lib/db.ts).
 */
export const DATABASE_URL_SETTING =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/baton_bench';

export type Machine = {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  commit: string;
  dirty: boolean;
  date: string;
};

let machine: Machine | undefined;

export function machineInfo(): Machine {
  if (machine) return machine;
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  machine = {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    commit,
    dirty,
    date: new Date().toISOString(),
  };
  return machine;
}

export function machineLine(): string {
  const m = machineInfo();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, node ${m.node}, ${m.platform} · load average now ${load} · commit ${m.commit.slice(0, 12)}${m.dirty ? ' (+ uncommitted changes)' : ''}`;
}

/** The app's generated secrets (AUTH_SECRET, encryption key, embedded Pusher app), created by its first start. */
export type AppSecrets = {
  authSecret: string;
  encryptionKey: string;
  pusher: { appId: string; key: string; secret: string };
};

export function readSecrets(): AppSecrets | null {
  const file = path.resolve(ROOT, DATA_DIR, 'secrets.json');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AppSecrets;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** High-resolution wall clock in ms, comparable across processes on one machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** `--name=value` / `--flag` command-line options. */
export function cliOption(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(prefix));
  if (!hit) return undefined;
  return hit === `--${name}` ? 'true' : hit.slice(prefix.length);
}

export function numberOption(name: string, fallback: number): number {
  const v = cliOption(name) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
}
