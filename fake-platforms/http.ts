import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readNodeBodyCapped } from '@/lib/http/read-body';
import type { EventLog } from './event-log';

/** HTTP plumbing shared by the fake platforms: listen, buffer and record requests, reply. */

export type RecordedRequest = {
  method: string;
  /** Path without the query string, e.g. "/v21.0/me/messages". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as Node delivers them. */
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  body: unknown;
  /** The body exactly as received (UTF-8). */
  raw: string;
  /** The body's bytes, for uploads (Apple's MMCS takes encrypted files). */
  bytes: Buffer;
  at: Date;
  /** The status the fake answered with; set once the response is written. */
  status?: number;
};

export type FakeHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export type FakeServer = {
  port: number;
  /** e.g. http://127.0.0.1:41234, what callers use to reach this server. */
  origin: string;
  /** A timer that close() cancels (it then resolves early so handlers can finish). */
  sleep(ms: number): Promise<void>;
  close(): Promise<void>;
};

/** Message sends are small; the largest body is a file an agent may attach (25 MB) uploaded to the fake MMCS. */
const MAX_BODY_BYTES = 26 * 1024 * 1024;

// Long: a test double's whole HTTP server (routing, body cap, recording) in one closure.
export async function startFakeServer(options: {
  port?: number;
  host?: string;
  /** Overrides the advertised origin, e.g. when listening on 0.0.0.0 behind a proxy. */
  publicOrigin?: string;
  log: EventLog<RecordedRequest>;
  handle: FakeHandler;
}): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      // A bug in the fake, not a platform answer: say so loudly rather than hang the caller.
      console.error('fake-platforms: handler failed', err);
      sendJson(res, 500, { error: { message: `fake platform bug: ${err instanceof Error ? err.message : String(err)}` } });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const body = await readNodeBodyCapped(req, MAX_BODY_BYTES);
    if (!body.ok) {
      sendJson(res, 413, { message: 'Request entity too large' }, { connection: 'close' });
      return;
    }
    const raw = body.bytes.toString('utf8');
    const recorded: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parseJson(raw),
      raw,
      bytes: body.bytes,
      at: new Date(),
    };
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    options.log.record(recorded);
    await options.handle(recorded, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = options.publicOrigin?.replace(/\/+$/, '') ?? `http://${advertisedHost(host)}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    port,
    origin,
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            sleepers.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        entry.timer.unref();
        sleepers.add(entry);
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const entry of sleepers) {
          clearTimeout(entry.timer);
          entry.resolve();
        }
        sleepers.clear();
        server.close(() => resolve());
        // fetch keeps connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A wildcard listen address is not something a client can dial. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** True when the body is declared JSON and parses; the platforms refuse anything else. */
export function isJsonRequest(req: RecordedRequest): boolean {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  return type.split(';')[0].trim() === 'application/json' && req.body !== undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * A response whose head and body are written only on release(), and only if the caller is
 * still there: lets a fake handle a request for real yet answer after the caller gave up.
 */
export function deferredResponse(res: ServerResponse): { res: ServerResponse; release(): void } {
  const calls: { name: 'writeHead' | 'end'; args: unknown[] }[] = [];
  const proxy = new Proxy(res, {
    get(target, prop) {
      if (prop === 'writeHead' || prop === 'end') {
        return (...args: unknown[]) => {
          calls.push({ name: prop, args });
          return proxy;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    res: proxy,
    release() {
      if (res.destroyed || res.headersSent) return;
      for (const call of calls) (res[call.name] as (...a: unknown[]) => unknown).apply(res, call.args);
    },
  };
}

export function sendBytes(res: ServerResponse, data: Buffer, contentType: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(data.length) });
  res.end(data);
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: RecordedRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1].trim() : undefined;
}
