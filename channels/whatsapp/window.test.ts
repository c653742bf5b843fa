import { describe, expect, it } from 'vitest';
import { whatsappAdapter } from '.';

const last = new Date('2025-01-01T00:00:00Z');
const after = (ms: number) => new Date(last.getTime() + ms);
const H = 3_600_000;

describe('WhatsApp reply window', () => {
  it('open for 24 h after the customer wrote', () => {
    expect(whatsappAdapter.replyWindow(last, after(23 * H + 59 * 60_000))).toEqual({ state: 'open', closesAt: after(24 * H) });
    expect(whatsappAdapter.replyWindow(last, after(24 * H)).state).toBe('open');
  });

  it('templates only after 24 h, and before the customer ever wrote', () => {
    expect(whatsappAdapter.replyWindow(last, after(25 * H)).state).toBe('templates_only');
    expect(whatsappAdapter.replyWindow(last, after(24 * H + 1)).state).toBe('templates_only');
    expect(whatsappAdapter.replyWindow(last, after(30 * 24 * H)).state).toBe('templates_only');
    expect(whatsappAdapter.replyWindow(null, last).state).toBe('templates_only');
  });
});
