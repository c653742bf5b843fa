import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '.';

const last = new Date('2025-01-01T00:00:00Z');
const after = (ms: number) => new Date(last.getTime() + ms);
const H = 3_600_000;

describe('Messenger reply window', () => {
  it('open up to 24 h, closing at last + 24 h', () => {
    expect(facebookAdapter.replyWindow(last, after(23 * H + 59 * 60_000))).toEqual({ state: 'open', closesAt: after(24 * H) });
    expect(facebookAdapter.replyWindow(last, after(24 * H)).state).toBe('open');
  });

  it('human_agent from 24 h to 7 days, closing at last + 7 days', () => {
    const w = facebookAdapter.replyWindow(last, after(25 * H));
    expect(w).toMatchObject({ state: 'human_agent', closesAt: after(7 * 24 * H) });
    expect(facebookAdapter.replyWindow(last, after(24 * H + 1)).state).toBe('human_agent');
    expect(facebookAdapter.replyWindow(last, after(7 * 24 * H)).state).toBe('human_agent');
  });

  it('closed after 7 days, and closed when the customer never wrote', () => {
    expect(facebookAdapter.replyWindow(last, after(8 * 24 * H)).state).toBe('closed');
    expect(facebookAdapter.replyWindow(last, after(7 * 24 * H + 1)).state).toBe('closed');
    expect(facebookAdapter.replyWindow(null, last).state).toBe('closed');
  });
});
