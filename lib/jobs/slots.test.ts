import { describe, expect, it } from 'vitest';
import { createSlots } from './slots';

describe('createSlots', () => {
  it('runs at most `max` at once and frees a slot when work ends, even on failure', async () => {
    const slots = createSlots(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    expect(slots.tryRun(() => gate)).toBe(true);
    expect(slots.tryRun(() => Promise.reject(new Error('boom')).catch(() => {}))).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(slots.inUse).toBe(1);
    expect(slots.tryRun(() => gate)).toBe(true);
    expect(slots.tryRun(() => gate)).toBe(false);
    release();
    await gate;
    await Promise.resolve();
    expect(slots.inUse).toBe(0);
  });
});
