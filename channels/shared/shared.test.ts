import { describe, expect, it } from 'vitest';
import { toUuid, stableId } from './ids';
import { clip } from './text';
import { parseRetryAfter, redact } from './http';

describe('shared helpers', () => {
  it('clip keeps limits in UTF-16 units and never splits an emoji', () => {
    expect(clip('short', 20)).toBe('short');
    expect(clip('abcdefghijklmnopqrstuvwxyz', 20)).toHaveLength(20);
    const clipped = clip('ab😀😀😀😀😀😀😀😀😀😀', 6);
    expect(clipped.length).toBeLessThanOrEqual(6);
    expect(clipped).toBe('ab😀…');
  });

  it('toUuid keeps UUIDs and maps other keys deterministically', () => {
    expect(toUuid('6F1C2D3E-1111-4222-8333-444455556666')).toBe('6f1c2d3e-1111-4222-8333-444455556666');
    expect(toUuid('abc')).toBe(toUuid('abc'));
    expect(toUuid('abc')).not.toBe(toUuid('abd'));
  });

  it('stableId depends only on content', () => {
    expect(stableId('x', { a: 1 })).toBe(stableId('x', { a: 1 }));
    expect(stableId('x', { a: 1 })).not.toBe(stableId('x', { a: 2 }));
  });

  it('redact blanks secrets and access_token query values', () => {
    expect(redact('bad url https://g.test/me?access_token=abc&x=1 sekrit', ['sekrit'])).toBe('bad url https://g.test/me?access_token=[redacted]&x=1 [redacted]');
    expect(redact('Bearer a/b and a%2Fb', ['a/b'])).toBe('Bearer [redacted] and [redacted]');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  it('reads delay-seconds and HTTP dates as ms from now', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
