import { checkOutsideHost, fetchOutside, resolveOutsideHost, type OutsideFetchOptions } from '@/channels/shared/outside-fetch';
import { getConfig } from '@/lib/config';

// lib/'s door to the one outside-URL fetcher (channels/shared/outside-fetch.ts, shared with
// the channel adapters' media downloads): the same filter, with the configured allow-list.

export { OutsideUrlRefused } from '@/channels/shared/outside-fetch';

/** The `host:port` entries (BATON_FETCH_ALLOW_HOSTS) that skip the private-address filter. */
export function fetchAllowHosts(): readonly string[] {
  return getConfig().BATON_FETCH_ALLOW_HOSTS;
}

/** GET a URL that came from outside, through the address filter and the configured allow-list. */
export function fetchOutsideUrl(url: string, options: Omit<OutsideFetchOptions, 'allowHosts' | 'fetch'> = {}): Promise<Response> {
  return fetchOutside(url, { ...options, allowHosts: fetchAllowHosts() });
}

/** The host checks of an outside URL for a `host:port` that is not a URL (an SMTP server), with the configured allow-list. */
export function checkOutsideHostName(hostname: string, port: number): void {
  checkOutsideHost(hostname, port, fetchAllowHosts());
}

/** The checked address to connect to for an outside `host:port` (see resolveOutsideHost). */
export function resolveOutsideHostAddress(hostname: string, port: number): Promise<string> {
  return resolveOutsideHost(hostname, port, fetchAllowHosts());
}
