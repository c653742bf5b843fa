import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, chunkBatch, createAssembler, createPacedSender } from './protocol';

describe('co-browsing chunks', () => {
  it('splits a large batch into events under the realtime limit and puts it back together', () => {
    const events = Array.from({ length: 400 }, (_, i) => ({ type: 3, timestamp: i, data: { text: `«Käse» "quoted" ${'x'.repeat(100)} ${i}` } }));
    const chunks = chunkBatch('b1', events);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(new TextEncoder().encode(JSON.stringify(chunk)).length).toBeLessThan(10_240);
    expect(chunks.every((c) => c.d.length <= CHUNK_CHARS)).toBe(true);
    const assemble = createAssembler();
    const out = [...chunks].reverse().map(assemble);
    expect(out.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(out.at(-1)).toEqual(events);
  });

  it('ignores malformed pieces', () => {
    const assemble = createAssembler();
    expect(assemble({ b: 'x', i: 3, n: 2, d: 'a' })).toBeNull();
    expect(assemble({ b: 'x', i: 0, n: 1, d: '!!!' })).toBeNull();
  });

  it('paces client events at most n a second', () => {
    const sent: number[] = [];
    const sender = createPacedSender(() => sent.push(Date.now()), 8);
    for (let i = 0; i < 20; i++) sender.send('e', i);
    expect(sent.length).toBe(8);
    expect(sender.waiting()).toBe(12);
    sender.clear();
  });
});
