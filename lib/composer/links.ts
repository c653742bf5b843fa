// Links in message text: detected for display (rendered as <a> with rel=noopener, the rest
// as plain text) and checked before an agent sends media by URL (it must be a public
// http(s) URL the platforms can fetch).

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

// A run of URL characters after http(s)://, at a word start (so "xhttps://" is not one).
// Trailing punctuation is trimmed below.
const URL_RUN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"’”)\]}>*]+$/;

function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const m = TRAILING.exec(url);
    if (!m) return url;
    let cut = m[0];
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia links).
    if (cut.startsWith(')')) {
      const opens = (url.match(/\(/g) ?? []).length;
      const closes = (url.slice(0, url.length - cut.length).match(/\)/g) ?? []).length;
      if (opens > closes) {
        cut = cut.slice(1);
        if (!cut) return url;
        return url.slice(0, url.length - cut.length);
      }
    }
    url = url.slice(0, url.length - cut.length);
  }
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Splits text into plain text and http(s) links. Nothing else ever becomes a link. */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RUN)) {
    const start = match.index ?? 0;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) out.push({ type: 'text', text: text.slice(last, start) });
    out.push({ type: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out.length > 0 ? out : [{ type: 'text', text }];
}

function privateIPv4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

function privateIPv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const h = host.slice(1, -1).toLowerCase();
  if (h === '::1' || h === '::') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(h)) return true; // unique local fc00::/7
  if (/^fe[89ab][0-9a-f]:/.test(h)) return true; // link local fe80::/10
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? privateIPv4(mapped[1]) : false;
}

export type PublicUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * A URL the messaging platforms can fetch: http(s), a public host name (not localhost, not
 * a private or link-local address, not a single-label intranet name), no credentials.
 */
export function checkPublicHttpUrl(input: string): PublicUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Enter a full link starting with https://' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'Only http(s) links can be sent' };
  if (url.username || url.password) return { ok: false, reason: 'Links with a user name or password cannot be sent' };
  const host = url.hostname.toLowerCase();
  if (!host) return { ok: false, reason: 'The link has no host' };
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    privateIPv4(host) ||
    privateIPv6(host) ||
    (!host.includes('.') && !host.startsWith('['))
  ) {
    return { ok: false, reason: 'The link must be public: the customer’s app fetches it from the internet' };
  }
  return { ok: true, url: url.href };
}
