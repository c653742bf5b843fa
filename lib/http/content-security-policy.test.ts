import { describe, expect, it } from 'vitest';
import { pageHostname, pagePolicy, realtimeSources } from './content-security-policy';

const embedded = { key: 'k', cluster: 'mt1', wsHost: '127.0.0.1', wsPort: 6001, forceTLS: false };
const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('pagePolicy', () => {
  const base = { nonce: 'abc123', dev: false, realtime: embedded, requestHostname: 'inbox.shop.test', frameAncestors: "'none'", https: false };

  it('runs scripts only with the nonce, loads images only from Baton, and forbids framing', () => {
    const policy = pagePolicy(base);
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(policy, 'img-src')).toBe("img-src 'self' data: blob:");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('allows eval only in development and upgrades requests over https', () => {
    expect(directive(pagePolicy({ ...base, dev: true }), 'script-src')).toContain("'unsafe-eval'");
    expect(pagePolicy({ ...base, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it('lets the widget page be framed by its channel’s sites', () => {
    expect(directive(pagePolicy({ ...base, frameAncestors: "'self' https://shop.example.com" }), 'frame-ancestors')).toBe(
      "frame-ancestors 'self' https://shop.example.com",
    );
  });
});

describe('realtimeSources', () => {
  it('reaches the embedded server on the host the page came from', () => {
    expect(realtimeSources(embedded, 'inbox.shop.test')).toEqual(['ws://inbox.shop.test:6001', 'wss://inbox.shop.test:6001']);
  });
  it('names a self-hosted server as configured, TLS only when forced', () => {
    expect(realtimeSources({ ...embedded, wsHost: 'rt.shop.test', wsPort: 443, forceTLS: true }, 'x')).toEqual(['wss://rt.shop.test:443']);
  });
  it('names Pusher Channels by cluster', () => {
    expect(realtimeSources({ key: 'k', cluster: 'ap1', forceTLS: true }, 'x')).toEqual(['wss://ws-ap1.pusher.com', 'wss://ws-ap1.pusher.com:443']);
  });
});

describe('pageHostname', () => {
  const headers = (init: Record<string, string>) => new Headers(init);
  it('is the host the browser used: forwarded first, then Host, without the port', () => {
    expect(pageHostname(headers({ host: '127.0.0.1:3000' }), 'localhost')).toBe('127.0.0.1');
    expect(pageHostname(headers({ host: '10.0.0.5:3000', 'x-forwarded-host': 'inbox.shop.test, proxy.internal' }), 'localhost')).toBe('inbox.shop.test');
    expect(pageHostname(headers({ host: '[::1]:3000' }), 'localhost')).toBe('[::1]');
  });
  it('falls back to the request URL’s host when the header is missing or not a host', () => {
    expect(pageHostname(headers({}), 'localhost')).toBe('localhost');
    expect(pageHostname(headers({ host: 'a b' }), 'localhost')).toBe('localhost');
  });
});
