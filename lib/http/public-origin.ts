import 'server-only';
import { headers } from 'next/headers';
import { getConfig } from '@/lib/config';

/**
 * The app's public origin as the browser sees it: AUTH_URL when set, else the Host the
 * request came to (behind a proxy: X-Forwarded-*). Never the address the server bound to
 * (0.0.0.0), which is what a request's own URL carries under `next start`.
 */
export function originFromHeaders(h: Headers, requestUrl?: string): string {
  const configured = getConfig().AUTH_URL;
  if (configured) return new URL(configured).origin;
  // A request with no Host header at all (built in code, not by a browser): its own URL.
  const own = requestUrl ? new URL(requestUrl) : null;
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? own?.host ?? 'localhost:3000';
  const proto =
    h.get('x-forwarded-proto') ?? own?.protocol.replace(':', '') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

export async function publicOrigin(): Promise<string> {
  const configured = getConfig().AUTH_URL;
  return configured ? new URL(configured).origin : originFromHeaders(await headers());
}
