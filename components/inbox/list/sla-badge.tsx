'use client';

import { useEffect, useState } from 'react';
import { useFormatTime } from '@/components/time/time-zone';

/** Replies due within this long are "due soon". */
export const SLA_SOON_MS = 15 * 60_000;

export type SlaState = 'overdue' | 'soon' | 'later';

export function slaState(dueAt: Date, now: Date): SlaState {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= SLA_SOON_MS ? 'soon' : 'later';
}

/** "now", "12m", "3h", "2d": a duration, rounded down. */
export function shortDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

const styles: Record<SlaState, string> = {
  overdue: 'bg-red-100 text-red-700',
  soon: 'bg-amber-100 text-amber-800',
  later: 'bg-slate-100 text-slate-600',
};

/** When the next reply is due: "Overdue 5m", "Due in 12m", "Due in 3h"; re-renders as time passes. */
export function SlaBadge({ dueAt }: { dueAt: string }) {
  const due = new Date(dueAt);
  const format = useFormatTime();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [dueAt]);
  const at = now ?? new Date();
  const state = slaState(due, at);
  const left = due.getTime() - at.getTime();
  const text = state === 'overdue' ? (left > -60_000 ? 'Overdue' : `Overdue ${shortDuration(left)}`) : left < 60_000 ? 'Due now' : `Due in ${shortDuration(left)}`;
  return (
    <span
      className={`shrink-0 rounded px-1.5 text-[11px] font-medium ${styles[state]}`}
      title={`Reply due ${format(due, 'full')}`}
      data-sla={state}
      suppressHydrationWarning
    >
      {text}
    </span>
  );
}
