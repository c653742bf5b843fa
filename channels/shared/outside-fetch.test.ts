import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress, refusedAddressReason } from './address-filter';
import { checkOutsideHost, checkOutsideUrl, createGuardedLookup, fetchOutside, isAllowListed, OutsideUrlRefused, resolveOutsideHost } from './outside-fetch';

describe('address filter', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'private'],
    ['0.0.0.0', 'non-public'],
    ['224.0.0.1', 'non-public'],
    ['255.255.255.255', 'non-public'],
    ['::1', 'loopback'],
    ['::', 'non-public'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'non-public'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusedAddressReason(address)).toContain(kind);
  });

  it('judges IPv4-mapped IPv6 as the IPv4 it carries', () => {
    expect(refusedAddressReason('::ffff:127.0.0.1')).toContain('loopback');
    expect(refusedAddressReason('::ffff:169.254.169.254')).toContain('link-local');
    expect(refusedAddressReason('::ffff:a9fe:a9fe')).toContain('link-local');
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
  });

  it('refuses IPv6 forms that embed an IPv4 address (6to4, NAT64)', () => {
    expect(isPublicAddress('2002:7f00:1::')).toBe(false);
    expect(isPublicAddress('64:ff9b::7f00:1')).toBe(false);
  });

  it('lets public unicast through', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '157.240.1.35', '2606:4700:4700::1111', '2a03:2880:f10c:83:face:b00c:0:25de']) {
      expect(isPublicAddress(address)).toBe(true);
    }
  });
});

describe('DNS names', () => {
  const lookupWith = (addresses: string[]) =>
    createGuardedLookup((_host, _options, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
  const run = (addresses: string[], all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      lookupWith(addresses)('media.example', { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses a name resolving to a private, link-local or mapped-loopback address', async () => {
    for (const addresses of [['10.0.0.5'], ['169.254.169.254'], ['::ffff:127.0.0.1'], ['fd00::7'], ['93.184.216.34', '192.168.0.10']]) {
      const { error } = await run(addresses, true);
      expect(error, addresses.join(',')).toBeInstanceOf(OutsideUrlRefused);
      expect(error?.message).toContain('media.example resolves to a refused address');
    }
  });

  it('passes a name resolving only to public addresses, in the form the caller asked for', async () => {
    expect(await run(['93.184.216.34', '2606:2800:220:1::1'], true)).toMatchObject({ error: null, address: [{ address: '93.184.216.34' }, { address: '2606:2800:220:1::1' }] });
    expect(await run(['93.184.216.34'], false)).toMatchObject({ error: null, address: '93.184.216.34' });
  });
});

describe('URL checks before any connection', () => {
  it('refuses other schemes, credentials in the URL, private IP literals and loopback names', () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/x',
      'http://user:pw@example.com/',
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]:8080/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:3000/',
      'http://api.localhost/',
    ]) {
      expect(() => checkOutsideUrl(url), url).toThrow(OutsideUrlRefused);
    }
    expect(checkOutsideUrl('https://scontent.xx.fbcdn.net/v/t1/a.jpg').hostname).toBe('scontent.xx.fbcdn.net');
  });

  it('the allow-list matches exact host:port entries only', () => {
    const allow = ['127.0.0.1:4010', 'localhost:4011', '[::1]:80'];
    expect(isAllowListed(new URL('http://127.0.0.1:4010/x'), allow)).toBe(true);
    expect(isAllowListed(new URL('http://127.0.0.1:4012/x'), allow)).toBe(false);
    expect(isAllowListed(new URL('http://LOCALHOST:4011/'), allow)).toBe(true);
    expect(isAllowListed(new URL('http://[::1]/'), allow)).toBe(true);
    expect(() => checkOutsideUrl('http://127.0.0.1:4010/x', allow)).not.toThrow();
    expect(() => checkOutsideUrl('http://127.0.0.1:4012/x', allow)).toThrow(OutsideUrlRefused);
  });
});

describe('fetchOutside', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/to-metadata') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (req.url === '/to-loopback-name') res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/hop') res.writeHead(301, { location: '/ok' }).end();
      else if (req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => res.writeHead(req.url === '/upload-moved' ? 307 : 200, { location: '/elsewhere' }).end(`got ${Buffer.concat(chunks).length} bytes`));
      } else res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${req.headers.authorization ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a DNS name that resolves to a private address, at connect time', async () => {
    // This machine's own name resolves to a local address (127.0.0.1 on most hosts).
    const local = await new Promise<string>((resolve) => dns.lookup(os.hostname(), (_e, address) => resolve(address ?? '')));
    if (local && !isPublicAddress(local)) {
      await expect(fetchOutside(`http://${os.hostname()}:${port}/`)).rejects.toThrow(/resolves to a refused address/);
    }
  });

  it('refuses a direct request to a local server that is not allow-listed', async () => {
    await expect(fetchOutside(`http://127.0.0.1:${port}/`)).rejects.toThrow(OutsideUrlRefused);
  });

  it('follows redirects on an allow-listed host, and refuses a hop to a private address', async () => {
    const allowHosts = [`127.0.0.1:${port}`];
    const ok = await fetchOutside(`http://127.0.0.1:${port}/hop`, { allowHosts, headers: { authorization: 'Bearer T' } });
    expect(await ok.text()).toBe('ok Bearer T');
    await expect(fetchOutside(`http://127.0.0.1:${port}/to-metadata`, { allowHosts })).rejects.toThrow(/169\.254\.169\.254 is a link-local address/);
    await expect(fetchOutside(`http://127.0.0.1:${port}/to-loopback-name`, { allowHosts })).rejects.toThrow(/loopback/);
    await expect(fetchOutside(`http://127.0.0.1:${port}/loop`, { allowHosts })).rejects.toThrow(/more than 5 redirects/);
  });

  it('POSTs a body (an upload) through the same filter, and answers its redirect as it is rather than following it', async () => {
    const allowHosts = [`127.0.0.1:${port}`];
    const body = new Uint8Array(Buffer.from('encrypted bytes'));
    const posted = await fetchOutside(`http://127.0.0.1:${port}/upload`, { method: 'POST', body, allowHosts });
    expect(await posted.text()).toBe('got 15 bytes');
    const moved = await fetchOutside(`http://127.0.0.1:${port}/upload-moved`, { method: 'POST', body, allowHosts });
    expect(moved.status).toBe(307);
    await expect(fetchOutside(`http://127.0.0.1:${port}/upload`, { method: 'POST', body })).rejects.toThrow(OutsideUrlRefused);
  });
});

describe('hosts that are not URLs (an SMTP server)', () => {
  const lookupWith = (addresses: string[]) =>
    createGuardedLookup((_host, _options, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));

  it('refuses private IP literals and loopback names before any connection, unless allow-listed', () => {
    for (const host of ['127.0.0.1', '10.0.0.5', '[::1]', '169.254.169.254', 'localhost', 'mail.localhost']) {
      expect(() => checkOutsideHost(host, 25), host).toThrow(OutsideUrlRefused);
    }
    expect(() => checkOutsideHost('127.0.0.1', 2525, ['127.0.0.1:2525'])).not.toThrow();
    expect(() => checkOutsideHost('127.0.0.1', 2526, ['127.0.0.1:2525'])).toThrow('127.0.0.1 is a loopback address');
    expect(() => checkOutsideHost('smtp.example.com', 587)).not.toThrow();
  });

  it('resolves a name through the guarded lookup: a private answer is refused, a public one is the address to connect to', async () => {
    await expect(resolveOutsideHost('smtp.example.com', 587, [], lookupWith(['10.0.0.7']))).rejects.toThrow('smtp.example.com resolves to a refused address');
    await expect(resolveOutsideHost('smtp.example.com', 587, [], lookupWith(['93.184.216.34', '10.0.0.7']))).rejects.toThrow(OutsideUrlRefused);
    await expect(resolveOutsideHost('smtp.example.com', 587, [], lookupWith(['93.184.216.34']))).resolves.toBe('93.184.216.34');
    await expect(resolveOutsideHost('8.8.8.8', 25, [], lookupWith(['10.0.0.7']))).resolves.toBe('8.8.8.8');
    await expect(resolveOutsideHost('127.0.0.1', 2525, ['127.0.0.1:2525'])).resolves.toBe('127.0.0.1');
  });
});
