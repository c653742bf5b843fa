import { PRIORITY_LABELS, STATUS_LABELS, type TicketPriority, type TicketStatus } from '@/lib/tickets/labels';

const statusTones: Record<TicketStatus, string> = {
  open: 'bg-sky-50 text-sky-800 ring-sky-200',
  pending: 'bg-amber-50 text-amber-800 ring-amber-200',
  on_hold: 'bg-violet-50 text-violet-800 ring-violet-200',
  solved: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  closed: 'bg-slate-100 text-slate-600 ring-slate-200',
};

const priorityTones: Record<TicketPriority, string> = {
  low: 'text-slate-500',
  normal: 'text-slate-700',
  high: 'text-orange-700',
  urgent: 'font-semibold text-red-700',
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span data-testid="ticket-status" className={`inline-flex shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusTones[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function TicketPriorityText({ priority }: { priority: TicketPriority }) {
  return <span className={`text-xs ${priorityTones[priority]}`}>{PRIORITY_LABELS[priority]}</span>;
}
