import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { childrenOf, cmdline } from '../../../bench/lib/proc';
import { waitFor } from '../../support/wait-for';

/**
 * One real process of the stack under test (web, worker, realtime server) that a fault test
 * can kill with any signal and start again with the same command and environment. Its
 * output goes to a log file, kept for reading when a test fails.
 */
export class Service {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const log = fs.openSync(this.logFile, 'a');
    fs.writeSync(log, `\n--- start ${++this.starts} at ${new Date().toISOString()}\n`);
    // Its own process group, so a kill reaches the children it started (next's server).
    const child = spawn(process.execPath, this.args, { env: this.env, stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} has not started`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to the whole group and waits until the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.child || !this.running) return;
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** An ordered stop (SIGTERM), then SIGKILL past `boundMs`. */
  async stop(boundMs = 15_000): Promise<void> {
    if (!this.running) return;
    const late = setTimeout(() => void this.kill('SIGKILL'), boundMs);
    await this.kill('SIGTERM');
    clearTimeout(late);
  }

  log(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}

/** The processes `pid` started whose command line starts with `prefix` (Next titles its server "next-server"). */
export function childProcesses(pid: number, prefix: string): number[] {
  return childrenOf(pid).filter((child) => cmdline(child).startsWith(prefix));
}

/** `waitFor` as fault tests poll: a check may throw while a part is down, and counts as not yet. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  await waitFor(what, check, timeoutMs, { everyMs, tolerateErrors: true });
}

/** Resolves once `url` answers with a 2xx. */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
