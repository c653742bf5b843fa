import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyCapped, readFormCapped, readNodeBodyCapped } from './read-body';

function chunked(chunks: string[]) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks.length) return controller.close();
      controller.enqueue(new TextEncoder().encode(chunks[pulled++]));
    },
  });
  return { body, pulled: () => pulled };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readBodyCapped', () => {
  it('returns the bytes of a body within the cap', async () => {
    expect(await readBodyCapped(post('hello'), 5)).toEqual({ ok: true, bytes: Buffer.from('hello') });
  });

  it('stops pulling a chunked body as soon as it passes the cap', async () => {
    const source = chunked(['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee']);
    expect(await readBodyCapped(post(source.body), 6)).toEqual({ ok: false, reason: 'too_large', maxBytes: 6 });
    expect(source.pulled()).toBeLessThanOrEqual(3);
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const request = new Request('http://localhost/x', { method: 'POST', body: 'x'.repeat(20), headers: { 'content-length': '20' } });
    expect(await readBodyCapped(request, 10)).toMatchObject({ ok: false, reason: 'too_large' });
  });
});

describe('readFormCapped', () => {
  it('parses a multipart form within the cap, and says invalid for a broken one', async () => {
    const form = new FormData();
    form.set('name', 'Ana');
    form.set('file', new File(['pixels'], 'a.png', { type: 'image/png' }));
    const request = new Request('http://localhost/x', { method: 'POST', body: form });
    const read = await readFormCapped(request, 10_000);
    expect(read.ok && read.form.get('name')).toBe('Ana');
    expect(read.ok && (read.form.get('file') as File).name).toBe('a.png');
    expect(await readFormCapped(post('--nope', { 'content-type': 'multipart/form-data; boundary=x' }), 100)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('readNodeBodyCapped', () => {
  function nodeRequest(headers: Record<string, string> = {}) {
    return Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & PassThrough;
  }

  it('collects a body within the cap', async () => {
    const req = nodeRequest();
    const read = readNodeBodyCapped(req, 10);
    req.end('abc');
    expect(await read).toEqual({ ok: true, bytes: Buffer.from('abc') });
  });

  it('stops at the cap and leaves the request paused (so a 413 can still be sent)', async () => {
    const req = nodeRequest();
    const read = readNodeBodyCapped(req, 4);
    req.write('abc');
    req.write('defgh');
    expect(await read).toEqual({ ok: false, reason: 'too_large', maxBytes: 4 });
    expect(req.isPaused()).toBe(true);
    expect(req.destroyed).toBe(false);
  });
});
