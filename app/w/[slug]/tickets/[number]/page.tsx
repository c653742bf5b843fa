import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChannelIcon } from '@/components/ui/channel-icon';
import { RelativeTime } from '@/components/ui/relative-time';
import { TicketPriorityText, TicketStatusBadge } from '@/components/tickets/badges';
import { DeleteTicket } from '@/components/tickets/delete-ticket';
import { CommentForm } from '@/components/tickets/ticket-comments';
import { TicketEditor } from '@/components/tickets/ticket-editor';
import { TicketHistory } from '@/components/tickets/ticket-history';
import { TicketsLive } from '@/components/tickets/tickets-live';
import { TicketSlaBadge } from '@/components/tickets/ticket-sla-badge';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getDb } from '@/lib/db';
import { listAssignees } from '@/lib/settings/assignees';
import { getTicketDetail } from '@/lib/tickets/detail';

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Ticket #${(await params).number}` };
}

export default async function TicketPage({ params }: { params: Promise<{ slug: string; number: string }> }) {
  const { slug, number: raw } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const number = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const db = getDb();
  const ticket = number === null ? null : await getTicketDetail(db, ctx, number);
  // Another workspace's ticket, or none: the same 404, so numbers cannot be probed.
  if (!ticket) notFound();
  const { agents, teams } = await listAssignees(db, ctx);
  const listPath = `/w/${slug}/tickets`;
  const isAdmin = ctx.actor.role === 'admin';

  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
      <div className="mx-auto max-w-6xl space-y-4">
        <TicketsLive workspaceId={ctx.workspaceId} ticketId={ticket.id} />
        <Link href={listPath} className="text-sm text-brand-700 hover:underline">
          ← Tickets
        </Link>
        <header className="space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="min-w-0 break-words text-xl font-semibold">
              <span className="text-slate-500">#{ticket.number}</span> {ticket.subject}
            </h1>
            <TicketStatusBadge status={ticket.status} />
            <TicketPriorityText priority={ticket.priority} />
            <TicketSlaBadge sla={ticket.sla} />
            {isAdmin && (
              <div className="ml-auto">
                <DeleteTicket workspaceId={ctx.workspaceId} ticketId={ticket.id} number={ticket.number} listPath={listPath} />
              </div>
            )}
          </div>
          <p className="flex flex-wrap gap-x-3 text-sm text-slate-500">
            <span>{ticket.customer ? `For ${ticket.customer.name}` : 'No customer'}</span>
            <span data-testid="ticket-assignee">{ticket.assignee ? `Assigned to ${ticket.assignee.name}` : 'Unassigned'}</span>
            <span>
              Created {ticket.createdBy ? `by ${ticket.createdBy.name} ` : ''}
              <RelativeTime iso={ticket.createdAt} />
            </span>
            <span>
              Updated <RelativeTime iso={ticket.updatedAt} />
            </span>
          </p>
        </header>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
          <div className="min-w-0 space-y-4">
            <TicketEditor workspaceId={ctx.workspaceId} ticket={ticket} agents={agents.map((a) => ({ id: a.id, name: a.name }))} teams={teams} />
            <section aria-labelledby="linked-title" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="linked-title" className="font-semibold">
                Conversations
              </h2>
              {ticket.conversations.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">No conversation is linked: this ticket was written by hand.</p>
              ) : (
                <ul className="mt-2 space-y-3">
                  {ticket.conversations.map((c) => (
                    <li key={c.id} data-testid="linked-conversation" className="rounded-md border border-slate-100 p-3">
                      <Link href={`/w/${slug}/inbox?c=${c.id}`} className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline">
                        <ChannelIcon kind={c.channelKind} size={14} /> {c.customerName} on {c.channelName}
                      </Link>
                      <p className="text-xs text-slate-500">
                        {c.status === 'open' ? 'Open' : 'Resolved'} · last message <RelativeTime iso={c.lastMessageAt} />
                      </p>
                      {c.messages.length > 0 && (
                        <ul aria-label="Linked messages" className="mt-2 space-y-1">
                          {c.messages.map((m) => (
                            <li key={m.id} className={`break-words rounded px-2 py-1 text-sm ${m.fromCustomer ? 'bg-slate-100' : 'bg-brand-50'}`}>
                              <span className="sr-only">{m.fromCustomer ? 'Customer: ' : 'Shop: '}</span>
                              {m.preview}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section aria-labelledby="activity-title" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="activity-title" className="font-semibold">
              Comments and history
            </h2>
            <CommentForm workspaceId={ctx.workspaceId} ticketId={ticket.id} />
            <TicketHistory workspaceId={ctx.workspaceId} items={ticket.history} me={ctx.actor.id} isAdmin={isAdmin} />
          </section>
        </div>
      </div>
    </main>
  );
}
