import http from 'node:http';
import { sleep } from './env';

// A small open-loop HTTP load generator (node:http with keep-alive). Requests are sent on
// a fixed schedule whatever the server does, and each latency is measured from the time
// the request was *due*, so a server (or generator) that falls behind shows up in the
// figures instead of silently lowering the rate (no coordinated omission).

export type LoadRequest = { method?: string; path: string; headers: Record<string, string>; body?: string };

export type LoadResult = {
  rate: number;
  durationMs: number;
  sent: number;
  completed: number;
  /** Responses per second over the run (completions / wall time until the last one). */
  achievedRate: number;
  /** ms from the request's due time to its full response, for 2xx answers. */
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  /** Requests still unanswered when the run was cut off. */
  unfinished: number;
};

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function sendOnce(base: URL, agent: http.Agent, req: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: req.path,
        method: req.method ?? 'POST',
        agent,
        headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/**
 * Sends `rate` requests per second for `durationMs`, built by `make(i)` (build them ahead
 * of time when signing is costly). Waits up to `graceMs` after the last one for answers.
 */
export async function openLoop(options: {
  url: string;
  rate: number;
  durationMs: number;
  make: (i: number) => LoadRequest;
  agent: http.Agent;
  graceMs?: number;
  onResponse?: (i: number, status: number, latencyMs: number) => void;
}): Promise<LoadResult> {
  const base = new URL(options.url);
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let completed = 0;
  let sent = 0;
  let lastDone = 0;
  const start = performance.now();

  await new Promise<void>((resolveAll) => {
    let finishedScheduling = false;
    const maybeDone = () => {
      if (finishedScheduling && completed + errors === sent) resolveAll();
    };
    const fire = (i: number) => {
      const due = start + i * interval;
      sent++;
      sendOnce(base, options.agent, options.make(i)).then(
        ({ status }) => {
          const done = performance.now();
          lastDone = done;
          completed++;
          statuses[status] = (statuses[status] ?? 0) + 1;
          const latency = done - due;
          if (status >= 200 && status < 300) latencies.push(latency);
          options.onResponse?.(i, status, latency);
          maybeDone();
        },
        () => {
          errors++;
          statuses.error = (statuses.error ?? 0) + 1;
          maybeDone();
        },
      );
    };
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor(elapsed / interval) + 1);
      while (sent < due) fire(sent);
      if (sent >= total) {
        finishedScheduling = true;
        maybeDone();
        return;
      }
      setTimeout(tick, Math.max(0, Math.min(interval, 2)));
    };
    tick();
    // Cut off answers that never come.
    setTimeout(() => resolveAll(), options.durationMs + (options.graceMs ?? 30_000)).unref();
  });

  const wall = Math.max(1, (lastDone || performance.now()) - start);
  return {
    rate: options.rate,
    durationMs: options.durationMs,
    sent,
    completed,
    achievedRate: (completed / wall) * 1000,
    latencies,
    statuses,
    errors,
    unfinished: sent - completed - errors,
  };
}

/** Sends requests one after another at a steady pace, each awaited (probes, not load). */
export async function paced<T>(count: number, everyMs: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * everyMs - performance.now();
    if (wait > 0) await sleep(wait);
    out.push(await fn(i));
  }
  return out;
}
