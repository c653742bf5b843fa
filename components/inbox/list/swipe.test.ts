import { describe, expect, it } from 'vitest';
import { SWIPE_OPEN_PX, swipeOffset } from './swipe';

describe('swipeOffset', () => {
  it('leaves a small or mostly vertical move to the scroll', () => {
    expect(swipeOffset(0, -6, 0)).toBeNull();
    expect(swipeOffset(0, -30, 60)).toBeNull();
  });
  it('follows a sideways move to the left, never to the right of its place', () => {
    expect(swipeOffset(0, -40, 5)).toBe(-40);
    expect(swipeOffset(0, 40, 5)).toBe(0);
  });
  it('stops a little past the actions, and an open row slides back with the finger', () => {
    expect(swipeOffset(0, -400, 0)).toBe(-SWIPE_OPEN_PX - 24);
    expect(swipeOffset(-SWIPE_OPEN_PX, 60, 30)).toBe(-SWIPE_OPEN_PX + 60);
    expect(swipeOffset(-SWIPE_OPEN_PX, 400, 0)).toBe(0);
  });
});
