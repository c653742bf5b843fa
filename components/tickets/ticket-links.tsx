import Link from 'next/link';
import { Ticket } from 'lucide-react';
import { STATUS_LABELS, ticketRef, type TicketStatus } from '@/lib/tickets/labels';
import { TicketStatusBadge } from './badges';

type TicketLink = { id: string; number: number; subject: string; status: TicketStatus; updatedAt: Date };

/** The customer panel's Tickets section: the customer's tickets, newest change first. */
export function CustomerTickets({ slug, tickets }: { slug: string; tickets: TicketLink[] }) {
  if (!tickets.length) return <p className="text-sm text-slate-500">No tickets for this customer.</p>;
  return (
    <ul aria-label="Customer tickets" className="space-y-1">
      {tickets.map((t) => (
        <li key={t.id}>
          <Link href={`/w/${slug}/tickets/${t.number}`} className="flex items-start gap-2 rounded-md p-1.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
            <span className="min-w-0 flex-1 break-words">
              <span className="text-slate-500">{ticketRef(t.number)}</span> {t.subject}
            </span>
            <TicketStatusBadge status={t.status} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The conversation header's badges: the tickets created from (or linked to) this conversation. */
export function ConversationTicketBadges({ slug, tickets }: { slug: string; tickets: TicketLink[] }) {
  if (!tickets.length) return null;
  return (
    <span className="flex flex-wrap gap-1" aria-label="Tickets of this conversation">
      {tickets.map((t) => (
        <Link
          key={t.id}
          href={`/w/${slug}/tickets/${t.number}`}
          title={`${ticketRef(t.number)} ${t.subject} (${STATUS_LABELS[t.status]})`}
          className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-100"
        >
          <Ticket aria-hidden className="h-3 w-3" />
          Ticket {ticketRef(t.number)} · {STATUS_LABELS[t.status]}
        </Link>
      ))}
    </span>
  );
}
