import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowHosts } from './channel-world';

// A shop's picture host for catalogue tests: serves a 1×1 PNG under any /name.png (404
// for other paths) on 127.0.0.1, allow-listed for outside-URL fetches like the demo's fakes.

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7a6d1a60000000049454e44ae426082',
  'hex',
);

export type ImageHost = { url: (name: string) => string; requests: string[]; close: () => Promise<void> };

export async function startImageHost(): Promise<ImageHost> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!new URL(req.url ?? '/', 'http://host').pathname.endsWith('.png')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  allowHosts([origin.replace('http://', '')]);
  return {
    url: (name) => `${origin}/${name}.png`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
