import type { RealtimeClientConfig } from '@/lib/config';

// The Content-Security-Policy of every page. Scripts run only with the per-request nonce
// (Next puts it on its own scripts), so an injected <script> or inline handler does nothing;
// images and media come only from Baton itself (files are served by /api/files): ingest and
// the catalogue bring every outside picture into the file store first, so a message can
// never make an agent's browser load a third party's URL.

export type PagePolicyInput = {
  nonce: string;
  /** Development needs eval for React's debugging aids. */
  dev: boolean;
  /** Where pusher-js connects, for connect-src. */
  realtime: RealtimeClientConfig;
  /** The host name the page was requested on: the embedded realtime server is reached there. */
  requestHostname: string;
  /** `frame-ancestors` value; `'none'` except for the website-chat widget. */
  frameAncestors: string;
  https: boolean;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

/** The realtime server's WebSocket origins, as pusher-js will open them. */
export function realtimeSources(realtime: RealtimeClientConfig, requestHostname: string): string[] {
  if (!realtime.wsHost) {
    const host = `ws-${realtime.cluster}.pusher.com`;
    return [`wss://${host}`, `wss://${host}:443`];
  }
  const host = LOOPBACK.has(realtime.wsHost) ? requestHostname : realtime.wsHost;
  const port = realtime.wsPort ? `:${realtime.wsPort}` : '';
  return realtime.forceTLS ? [`wss://${host}${port}`] : [`ws://${host}${port}`, `wss://${host}${port}`];
}

/**
 * The host name the browser used for the page, which is where pusher-js opens the embedded
 * realtime server's socket (window.location.hostname): the forwarded host behind a proxy,
 * else the Host header. Next's own request URL may name another host for the same server
 * (localhost for 127.0.0.1), which the browser's socket would not match.
 */
export function pageHostname(headers: Headers, fallback: string): string {
  const raw = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  if (!raw) return fallback;
  try {
    return new URL(`http://${raw}`).hostname || fallback;
  } catch {
    return fallback;
  }
}

export function pagePolicy(input: PagePolicyInput): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${input.nonce}'`, "'strict-dynamic'", ...(input.dev ? ["'unsafe-eval'"] : [])],
    // React writes style attributes (virtual lists, progress bars); styles cannot run code.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['media-src', "'self'", 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...realtimeSources(input.realtime, input.requestHostname)],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
    ['frame-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', input.frameAncestors],
  ];
  const text = directives.map((d) => d.join(' ')).join('; ');
  return input.https ? `${text}; upgrade-insecure-requests` : text;
}

