import { getConfig } from '@/lib/config';

/**
 * The client's address for rate limits. Next records the peer in X-Forwarded-For when the
 * request has none, and each proxy appends the address it saw, so the trustworthy entry is
 * BATON_TRUSTED_PROXY_HOPS from the right; entries further left were written by the client.
 * Exposed directly, a client can still name its own address: the per-account limits are the
 * ones that always hold.
 */
export function clientIp(headers: Headers, hops = getConfig().BATON_TRUSTED_PROXY_HOPS): string | null {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const picked = entries[Math.max(0, entries.length - hops)] ?? headers.get('x-real-ip')?.trim();
  return picked ? picked.slice(0, 64) : null;
}
