import fs from 'node:fs';

// Process figures from /proc (Linux): resident memory and CPU time, sampled while a
// benchmark runs.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Child processes of a pid. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Every process below a pid, nearest first. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    const children = childrenOf(queue.shift()!);
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/** A process's command line, arguments joined by spaces ('' once it is gone). */
export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Total CPU seconds of every PostgreSQL backend visible to us (the database's share of the load). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm !== 'postgres') continue;
      total += cpuSeconds(Number(entry)) ?? 0;
    } catch {
      // gone
    }
  }
  return total;
}

export type Sampler = {
  stop(): { peakMb: Record<string, number>; lastMb: Record<string, number>; samples: number; cpu: Record<string, number> };
};

/** Samples RSS of the named pids every `everyMs` until stop(); CPU is the delta over the window. */
export function sampleProcesses(pids: Record<string, number>, everyMs = 250): Sampler {
  const peak: Record<string, number> = {};
  const last: Record<string, number> = {};
  const cpuStart: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) cpuStart[name] = cpuSeconds(pid) ?? 0;
  const pgStart = postgresCpuSeconds();
  let samples = 0;
  const take = () => {
    samples++;
    for (const [name, pid] of Object.entries(pids)) {
      const mb = rssMb(pid);
      if (mb === null) continue;
      last[name] = mb;
      peak[name] = Math.max(peak[name] ?? 0, mb);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  const started = performance.now();
  return {
    stop() {
      clearInterval(timer);
      take();
      const seconds = (performance.now() - started) / 1000;
      const cpu: Record<string, number> = {};
      for (const [name, pid] of Object.entries(pids)) cpu[name] = ((cpuSeconds(pid) ?? 0) - cpuStart[name]) / seconds;
      cpu.postgres = (postgresCpuSeconds() - pgStart) / seconds;
      return { peakMb: peak, lastMb: last, samples, cpu };
    },
  };
}
