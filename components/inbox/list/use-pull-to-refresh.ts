'use client';

import { useEffect, useState, type RefObject } from 'react';

/** How far to pull the list down before letting go refreshes it. */
export const PULL_THRESHOLD_PX = 64;

export type PullState = { distance: number; refreshing: boolean };

/**
 * Pull to refresh on a touch screen: at the top of the list, a finger pulled down and let go
 * past the threshold reloads the first page. An installed app has no browser reload to do it.
 * Touch events (not pointer events) because the browser keeps vertical panning, which
 * cancels pointer events.
 */
export function usePullToRefresh(scroller: RefObject<HTMLElement | null>, refresh: (() => Promise<void>) | undefined): PullState {
  const [state, setState] = useState<PullState>({ distance: 0, refreshing: false });

  useEffect(() => {
    const el = scroller.current;
    if (!el || !refresh) return;
    let startY: number | null = null;
    let distance = 0;
    let busy = false;
    const onStart = (e: TouchEvent) => {
      startY = el.scrollTop <= 0 && e.touches.length === 1 && !busy ? e.touches[0]!.clientY : null;
      distance = 0;
    };
    const onMove = (e: TouchEvent) => {
      if (startY === null) return;
      // Damped, so the indicator trails the finger like the platforms' own.
      distance = Math.max(0, Math.min(120, (e.touches[0]!.clientY - startY) * 0.5));
      if (el.scrollTop > 0) distance = 0;
      setState((s) => (s.distance === distance ? s : { ...s, distance }));
    };
    const onEnd = () => {
      if (startY === null) return;
      startY = null;
      if (distance < PULL_THRESHOLD_PX) {
        setState({ distance: 0, refreshing: false });
        return;
      }
      busy = true;
      setState({ distance: PULL_THRESHOLD_PX, refreshing: true });
      void refresh().finally(() => {
        busy = false;
        setState({ distance: 0, refreshing: false });
      });
    };
    el.addEventListener('touchstart', onStart, { passive: true });
    el.addEventListener('touchmove', onMove, { passive: true });
    el.addEventListener('touchend', onEnd);
    el.addEventListener('touchcancel', onEnd);
    return () => {
      el.removeEventListener('touchstart', onStart);
      el.removeEventListener('touchmove', onMove);
      el.removeEventListener('touchend', onEnd);
      el.removeEventListener('touchcancel', onEnd);
    };
  }, [scroller, refresh]);

  return state;
}
