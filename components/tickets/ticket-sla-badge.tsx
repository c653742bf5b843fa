import { Pause } from 'lucide-react';
import { SlaBadge } from '@/components/inbox/list/sla-badge';

export type TicketSla = {
  dueAt: string | null;
  kind: 'first_response' | 'next_response' | 'resolution' | null;
  startedAt: string | null;
  pausedAt: string | null;
};

/**
 * A ticket's nearest SLA target, as conversations show theirs ("Resolve in 3h", "Respond
 * overdue 5m": words and colour), or "SLA paused" while it waits on the customer. Nothing
 * when no ticket rule applies.
 */
export function TicketSlaBadge({ sla }: { sla: TicketSla | null }) {
  if (sla?.dueAt) return <SlaBadge subject="ticket" target={{ dueAt: sla.dueAt, kind: sla.kind, startedAt: sla.startedAt }} />;
  if (!sla?.pausedAt) return null;
  return (
    <span
      data-testid="sla-badge"
      data-sla="paused"
      title="The SLA clock is stopped while the ticket waits on the customer"
      className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded bg-slate-100 px-1.5 text-[11px] font-medium text-slate-600"
    >
      <Pause aria-hidden className="h-3 w-3" /> SLA paused
    </span>
  );
}
