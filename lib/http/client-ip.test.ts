import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const h = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

describe('clientIp', () => {
  it('takes the entry the nearest trusted proxy wrote, not what the client put in front', () => {
    expect(clientIp(h('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(h('6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(h('6.6.6.6, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry when there are fewer entries than hops, and to none', () => {
    expect(clientIp(h('203.0.113.9'), 3)).toBe('203.0.113.9');
    expect(clientIp(h(), 1)).toBeNull();
  });
});
