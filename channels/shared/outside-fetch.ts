import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { refusedAddressReason } from './address-filter';

// The one way Baton fetches a URL that came from outside (webhook media, links in platform
// answers, anything later). It lives in channels/shared because channels/ (media downloads)
// and lib/ (which may import channels/) both need it, and it needs nothing from lib/: the
// allow-list of local hosts is passed in by the caller from lib/config.
//
// Every hop is checked: the scheme, an IP-literal host, and, for a host name, every address
// DNS gives for it, inside the connection's own lookup (so the address checked is the one
// connected to: no window for DNS rebinding). Redirects are followed by hand, up to
// MAX_REDIRECTS, each new URL checked the same way, and credentials are not carried to
// another origin.

export const MAX_REDIRECTS = 5;

/** A URL, address or redirect that the filter refused. Never worth retrying as is. */
export class OutsideUrlRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'OutsideUrlRefused';
  }
}

export type OutsideFetchOptions = {
  /** GET by default. A POST (an upload to a URL a platform handed out) is never redirected: its 3xx is the answer. */
  method?: 'GET' | 'POST';
  body?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Aborts the whole exchange, redirects included. */
  signal?: AbortSignal;
  /**
   * `host:port` entries reached without the address filter: the local fake platforms of the
   * demo and the tests, configured in BATON_FETCH_ALLOW_HOSTS. Nothing else is.
   */
  allowHosts?: readonly string[];
  /** Tests of the channel adapters substitute a fake; it gets every hop after the URL checks. */
  fetch?: typeof fetch;
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolve = (hostname: string, options: LookupOptions & { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for the connection: resolves the name, and fails with OutsideUrlRefused when
 * any address it resolves to is not public (a name pointing at both a public and a private
 * address is refused too). `resolve` is dns.lookup; tests pass their own.
 */
export function createGuardedLookup(resolve: Resolve = dns.lookup as Resolve) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => refusedAddressReason(a.address)).find((r) => r !== null);
      if (refused) return callback(new OutsideUrlRefused(`${hostname} resolves to a refused address: ${refused}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const guardedLookup = createGuardedLookup();
// One connection pool for filtered requests, one for the allow-listed local fakes.
const filtered = new Agent({ connect: { lookup: guardedLookup as never } });
const unfiltered = new Agent();

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function normaliseHost(entry: string): string {
  return entry.trim().toLowerCase().replace(/^\[|\]$/g, '');
}

/** Whether `url`'s host:port is on the allow-list (entries as `host:port`). */
export function isAllowListed(url: URL, allowHosts: readonly string[] = []): boolean {
  return isHostAllowListed(url.hostname, defaultPort(url), allowHosts);
}

/** Whether `hostname:port` is on the allow-list (entries as `host:port`). */
export function isHostAllowListed(hostname: string, port: string | number, allowHosts: readonly string[] = []): boolean {
  const host = `${hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
  return allowHosts.some((entry) => {
    const e = normaliseHost(entry);
    const at = e.lastIndexOf(':');
    return at > 0 && `${e.slice(0, at).replace(/^\[|\]$/g, '')}:${e.slice(at + 1)}` === host;
  });
}

/** The URL checks that need no network: scheme, credentials in the URL, IP-literal hosts. */
export function checkOutsideUrl(raw: string, allowHosts: readonly string[] = []): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutsideUrlRefused('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutsideUrlRefused(`${url.protocol} URLs are not fetched`);
  if (url.username || url.password) throw new OutsideUrlRefused('URLs with credentials are not fetched');
  if (isAllowListed(url, allowHosts)) return url;
  checkOutsideHost(url.hostname, defaultPort(url), allowHosts);
  return url;
}

/**
 * The checks of a host from outside that need no network (an IP literal must be public, a
 * loopback name is refused), for anything Baton connects to that is not a URL (a shop's
 * SMTP server). Allow-listed `host:port` entries pass.
 */
export function checkOutsideHost(hostname: string, port: string | number, allowHosts: readonly string[] = []): void {
  if (isHostAllowListed(hostname, port, allowHosts)) return;
  const host = hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const refused = refusedAddressReason(host);
    if (refused) throw new OutsideUrlRefused(refused);
  } else if (host.toLowerCase() === 'localhost' || host.toLowerCase().endsWith('.localhost')) {
    throw new OutsideUrlRefused(`${host} is a loopback name`);
  }
}

/**
 * The address to connect to for a host from outside: checked as above, and a host name
 * resolved through the same guarded lookup as fetches (every address it resolves to must be
 * public). The caller connects to the returned address itself, so the address checked is
 * the one connected to. An allow-listed host is returned as it is.
 */
export async function resolveOutsideHost(
  hostname: string,
  port: string | number,
  allowHosts: readonly string[] = [],
  lookup: ReturnType<typeof createGuardedLookup> = guardedLookup,
): Promise<string> {
  checkOutsideHost(hostname, port, allowHosts);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isHostAllowListed(hostname, port, allowHosts) || net.isIP(host)) return host;
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error, addresses) => {
      if (error) return reject(error);
      const list = addresses as LookupAddress[];
      if (!list.length) return reject(new OutsideUrlRefused(`${host} has no address`));
      resolve(list[0].address);
    });
  });
}

/** The refusal behind a failed fetch (undici wraps connect errors in "fetch failed"). */
export function refusalIn(error: unknown): OutsideUrlRefused | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutsideUrlRefused) return e;
  }
  return null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET (or POST) `raw` through the address filter, following a GET's redirects by hand.
 * Resolves with the final response (any status; the caller reads and caps the body);
 * rejects with OutsideUrlRefused when a URL or address is refused, or the network error
 * otherwise.
 */
export async function fetchOutside(raw: string, options: OutsideFetchOptions = {}): Promise<Response> {
  let url = checkOutsideUrl(raw, options.allowHosts);
  const origin = url.origin;
  for (let hop = 0; ; hop++) {
    const allowed = isAllowListed(url, options.allowHosts);
    // Headers may carry a platform token: only ever to the origin they were meant for.
    const headers = url.origin === origin ? options.headers : undefined;
    const method = options.method ?? 'GET';
    const init = { method, headers, body: method === 'POST' ? options.body : undefined, redirect: 'manual' as const, signal: options.signal };
    let response: Response;
    try {
      response = options.fetch
        ? await options.fetch(url.href, init)
        : ((await undiciFetch(url.href, { ...init, dispatcher: allowed ? unfiltered : filtered })) as unknown as Response);
    } catch (error) {
      throw refusalIn(error) ?? error;
    }
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || !location || init.method === 'POST') return response;
    void response.body?.cancel().catch(() => undefined);
    if (hop + 1 > MAX_REDIRECTS) throw new OutsideUrlRefused(`more than ${MAX_REDIRECTS} redirects`);
    url = checkOutsideUrl(new URL(location, url).href, options.allowHosts);
  }
}
