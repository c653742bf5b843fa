/** How far a swiped row slides to uncover its two actions. */
export const SWIPE_OPEN_PX = 152;

/**
 * Where a row sits while a finger moves it, or null while the gesture is still more
 * vertical than sideways (a scroll, not a swipe). Rows only slide left, and not past their
 * actions by more than a little give.
 */
export function swipeOffset(base: number, dx: number, dy: number): number | null {
  if (base === 0 && Math.abs(dx) < 10) return null;
  if (base === 0 && Math.abs(dy) > Math.abs(dx)) return null;
  return Math.max(-SWIPE_OPEN_PX - 24, Math.min(0, base + dx));
}
