import { describe, expect, it } from 'vitest';
import { getAdapter, getMessagingAdapter, isMessagingKind } from '.';
import type { ChannelKind } from './types';

describe('channel registry', () => {
  it('returns the adapter of each kind', () => {
    for (const kind of ['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple', 'web'] as const) expect(getAdapter(kind).kind).toBe(kind);
  });

  it('messaging adapters have the webhook and send surface; the widget has none', () => {
    for (const kind of ['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple'] as const) {
      const adapter = getMessagingAdapter(kind)!;
      expect(typeof adapter.verifySignature).toBe('function');
      expect(typeof adapter.parseWebhook).toBe('function');
      expect(typeof adapter.send).toBe('function');
      expect(adapter.rules.outboundKinds).toContain('text');
    }
    expect(getMessagingAdapter('web')).toBeNull();
    expect(isMessagingKind('web')).toBe(false);
    expect(typeof getAdapter('web').renderForWidget).toBe('function');
  });

  it('only Meta channels have a GET handshake; only WhatsApp accepts templates', () => {
    expect(getAdapter('facebook').verifyHandshake).toBeDefined();
    expect(getAdapter('whatsapp').verifyHandshake).toBeDefined();
    expect(getAdapter('line').verifyHandshake).toBeUndefined();
    expect(getAdapter('whatsapp').rules.outboundKinds).toContain('template');
    expect(getAdapter('facebook').rules.outboundKinds).not.toContain('template');
    expect(getAdapter('line').rules.outboundKinds).not.toContain('template');
    expect(getAdapter('apple').verifyHandshake).toBeUndefined();
    expect(getAdapter('apple').rules.outboundKinds).not.toContain('template');
  });

  it('throws on an unknown kind', () => {
    expect(() => getAdapter('telegram' as ChannelKind)).toThrow(/Unknown channel kind/);
  });
});
