import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEvents, splitUpload, summariseEvents } from './decode';

// The batching and compression helpers of the recorder the shop's page runs
// (public/widget-record.js), loaded as the browser would get them, and what they make read
// back by the server's decoder (decode.ts), so the two ends agree on the format.

type Encoded = { encoding: 'gzip' | 'json'; bytes: Uint8Array };
type Env = { CompressionStream?: unknown; Blob: typeof Blob; Response: typeof Response; TextEncoder: typeof TextEncoder };
type Recorder = {
  createBatcher: (limits: { maxEvents: number; maxChars: number }) => {
    push: (event: unknown) => boolean;
    size: () => number;
    count: () => number;
    take: () => unknown[];
  };
  encode: (events: unknown[], env: Env) => Promise<Encoded>;
  encodeNow: (events: unknown[], env: Env) => Encoded;
  frame: (header: Record<string, unknown>, bytes: Uint8Array, env: Env) => Blob;
  visitState: (
    storage: { getItem: (k: string) => string | null; setItem: (k: string, v: string) => void },
    name: string,
    now: number,
    random: () => string,
  ) => { key: string; next: (at: number) => number };
};

function recorder(): Recorder {
  const source = readFileSync(join(process.cwd(), 'public/widget-record.js'), 'utf8');
  const sandbox = { module: { exports: {} as Partial<Recorder> } };
  runInNewContext(source, sandbox);
  if (!sandbox.module.exports.createBatcher) throw new Error('public/widget-record.js exports no helpers');
  return sandbox.module.exports as Recorder;
}

const browser: Env = { CompressionStream, Blob, Response, TextEncoder };
const oldBrowser: Env = { Blob, Response, TextEncoder };
const event = (i: number, extra = '') => ({ type: 3, timestamp: 1_700_000_000_000 + i, data: { source: 1, positions: [{ x: i, y: i }], extra } });

describe('the recorder’s batching', () => {
  const r = recorder();

  it('says a batch is full at the event count or the size, and take empties it', () => {
    const batcher = r.createBatcher({ maxEvents: 3, maxChars: 10_000 });
    expect(batcher.push(event(1))).toBe(false);
    expect(batcher.push(event(2))).toBe(false);
    expect(batcher.push(event(3))).toBe(true);
    expect(batcher.take()).toHaveLength(3);
    expect(batcher.count()).toBe(0);
    expect(batcher.size()).toBe(0);

    const bySize = r.createBatcher({ maxEvents: 100, maxChars: 500 });
    expect(bySize.push(event(1, 'x'.repeat(200)))).toBe(false);
    expect(bySize.push(event(2, 'x'.repeat(300)))).toBe(true);
    expect(bySize.size()).toBeGreaterThan(500);
  });

  it('gzips with CompressionStream, and the server reads the framed upload back', async () => {
    const events = [{ type: 4, timestamp: 1_700_000_000_000, data: { href: 'https://shop.example.com/cart', width: 800, height: 600 } }, ...Array.from({ length: 50 }, (_, i) => event(i + 1))];
    const encoded = await r.encode(events, browser);
    expect(encoded.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(encoded.bytes).toString('utf8'))).toEqual(events);
    expect(encoded.bytes.length).toBeLessThan(JSON.stringify(events).length / 3);

    const body = r.frame({ t: 'token.part', s: 'visit-key-123', n: 7, e: encoded.encoding }, encoded.bytes, browser);
    expect(body.type).toBe('text/plain');
    const upload = splitUpload(Buffer.from(await body.arrayBuffer()));
    expect(upload.header).toEqual({ t: 'token.part', s: 'visit-key-123', n: 7, e: 'gzip' });
    const decoded = decodeEvents(upload.payload, upload.header.e);
    expect(decoded).toEqual(events);
    expect(summariseEvents(decoded)).toEqual({ firstAt: 1_700_000_000_000, lastAt: 1_700_000_000_050, pages: [{ url: 'https://shop.example.com/cart', at: 1_700_000_000_000 }] });
  });

  it('sends plain JSON where the browser has no CompressionStream, and when the page is being left', async () => {
    const events = [event(1), event(2)];
    const encoded = await r.encode(events, oldBrowser);
    expect(encoded.encoding).toBe('json');
    expect(JSON.parse(Buffer.from(encoded.bytes).toString('utf8'))).toEqual(events);
    const now = r.encodeNow(events, browser);
    expect(now.encoding).toBe('json');
    const upload = splitUpload(Buffer.from(await r.frame({ t: 'x', s: 'visit-key-123', n: 0, e: now.encoding }, now.bytes, browser).arrayBuffer()));
    expect(decodeEvents(upload.payload, upload.header.e)).toEqual(events);
  });

  it('keeps one visit across pages within 30 minutes, counting batches; a longer pause starts another', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    let n = 0;
    const random = () => `key-${++n}`;
    const first = r.visitState(storage, 'rec', 1_000, random);
    expect(first.key).toBe('key-1');
    expect([first.next(2_000), first.next(3_000)]).toEqual([0, 1]);
    const nextPage = r.visitState(storage, 'rec', 60_000, random);
    expect(nextPage.key).toBe('key-1');
    expect(nextPage.next(61_000)).toBe(2);
    const later = r.visitState(storage, 'rec', 61_000 + 31 * 60_000, random);
    expect(later.key).toBe('key-2');
    expect(later.next(0)).toBe(0);
  });
});
