'use client';

import { useEffect, useState } from 'react';
import { useFormatTime } from '@/components/time/time-zone';
import { slaBadgeState, type SlaBadgeState } from '@/lib/sla/badge';

export type SlaTarget = { dueAt: string; kind: 'first_response' | 'next_response' | 'resolution' | null; startedAt: string | null };

/** "now", "12m", "3h", "2d": a duration, rounded down. */
export function shortDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

const styles: Record<SlaBadgeState, string> = {
  breached: 'bg-red-100 text-red-700',
  warning: 'bg-amber-100 text-amber-800',
  ok: 'bg-slate-100 text-slate-600',
};

const VERB = { first_response: 'Reply', next_response: 'Reply', resolution: 'Resolve' } as const;
const FULL = { first_response: 'First reply', next_response: 'Next reply', resolution: 'Resolution' } as const;
// A ticket's first target is a response (a status change or a comment), not a reply to a chat.
const TICKET_VERB = { ...VERB, first_response: 'Respond' } as const;
const TICKET_FULL = { ...FULL, first_response: 'First response' } as const;

export type SlaSubject = 'conversation' | 'ticket';

/** The badge's words: "Reply in 12m", "Resolve in 3h", "Reply overdue 5m" ("Respond in 12m" for a ticket's first response). */
export function slaBadgeText(target: SlaTarget, now: Date, subject: SlaSubject = 'conversation'): string {
  const left = new Date(target.dueAt).getTime() - now.getTime();
  const verb = (subject === 'ticket' ? TICKET_VERB : VERB)[target.kind ?? 'first_response'];
  if (left <= 0) return left > -60_000 ? `${verb} overdue` : `${verb} overdue ${shortDuration(left)}`;
  return left < 60_000 ? `${verb} now` : `${verb} in ${shortDuration(left)}`;
}

/**
 * The nearest SLA target: grey while there is time, amber with a quarter of it left, red
 * once breached; re-renders as time passes.
 */
export function SlaBadge({ target, subject = 'conversation' }: { target: SlaTarget; subject?: SlaSubject }) {
  const due = new Date(target.dueAt);
  const format = useFormatTime();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [target.dueAt]);
  const at = now ?? new Date();
  const state = slaBadgeState(due, target.startedAt ? new Date(target.startedAt) : null, at);
  return (
    <span
      className={`shrink-0 whitespace-nowrap rounded px-1.5 text-[11px] font-medium ${styles[state]}`}
      title={`${(subject === 'ticket' ? TICKET_FULL : FULL)[target.kind ?? 'first_response']} due ${format(due, 'full')}`}
      data-sla={state}
      data-testid="sla-badge"
      suppressHydrationWarning
    >
      {slaBadgeText(target, at, subject)}
    </span>
  );
}
