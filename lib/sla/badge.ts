// The SLA badge on a conversation row: how much of the nearest target's time is left.
// Client-safe and pure, so the list, the conversation header and tests agree.

export type SlaBadgeState = 'breached' | 'warning' | 'ok';

/** A target turns amber when a quarter of its time or less is left. */
export const WARNING_SHARE = 0.25;

export function slaBadgeState(dueAt: Date, startedAt: Date | null, now: Date): SlaBadgeState {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  // Without a start (older rows), fall back to "within 15 minutes".
  const whole = startedAt ? dueAt.getTime() - startedAt.getTime() : 4 * 15 * 60_000;
  return left <= whole * WARNING_SHARE ? 'warning' : 'ok';
}
