// Which sites may embed a web channel's widget. Pure functions: used by the proxy
// (frame-ancestors), the config endpoint (CORS) and the settings form.

/** `https://shop.example.com`, `http://localhost:8080` or `https://*.example.com`. */
const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/**
 * The origin an admin typed, normalised (scheme + host + port, lower case, no path or
 * trailing slash), or null if it is not one.
 */
export function normalizeOrigin(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(/\/+$/, '');
  if (!trimmed) return null;
  const wildcard = trimmed.includes('://*.');
  try {
    // URL() refuses "*." hosts: parse with a placeholder label, then put the wildcard back.
    const url = new URL(wildcard ? trimmed.replace('://*.', '://wildcard-placeholder.') : trimmed);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.search || url.hash || (url.pathname && url.pathname !== '/')) return null;
    const origin = wildcard ? url.origin.replace('://wildcard-placeholder.', '://*.') : url.origin;
    return ORIGIN_PATTERN.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

/** Whether a page at `origin` (a browser's Origin header) may embed the widget. Empty list = any. */
export function originAllowed(origin: string | null | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const actual = url.origin.toLowerCase();
  return allowed.some((entry) => {
    if (!entry.includes('://*.')) return entry === actual;
    const [scheme, rest] = entry.split('://*.');
    const [suffix, port = ''] = rest.split(':');
    return (
      url.protocol === `${scheme}:` &&
      url.port === port &&
      url.hostname.endsWith(`.${suffix}`)
    );
  });
}

/** The CSP frame-ancestors sources for the widget page: the shop's sites (and the app itself, for previews). */
export function frameAncestors(allowed: readonly string[] | null): string {
  if (allowed === null) return "'none'";
  if (allowed.length === 0) return "'self' https: http:";
  return `'self' ${allowed.join(' ')}`;
}
