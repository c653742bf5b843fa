import type { Metadata } from 'next';
import Link from 'next/link';
import { TicketsFilters } from '@/components/tickets/tickets-filters';
import { TicketsList } from '@/components/tickets/tickets-list';
import { TicketsLive } from '@/components/tickets/tickets-live';
import { NewTicketDialog } from '@/components/tickets/new-ticket-dialog';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getDb } from '@/lib/db';
import { listAssignees } from '@/lib/settings/assignees';
import { listTickets } from '@/lib/tickets/list';
import { isFiltered, parseTicketListQuery, ticketListHref } from '@/lib/tickets/list-query';

export const metadata: Metadata = { title: 'Tickets' };

export default async function TicketsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const query = parseTicketListQuery(await searchParams);
  const db = getDb();
  const [result, { agents, teams }] = await Promise.all([listTickets(db, ctx, query), listAssignees(db, ctx)]);
  const basePath = `/w/${slug}/tickets`;
  const filtered = isFiltered(query);
  const people = agents.map((a) => ({ id: a.id, name: a.name }));

  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
      <TicketsLive workspaceId={ctx.workspaceId} />
      <div className="mx-auto max-w-6xl space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-baseline gap-3">
            <h1 className="text-xl font-semibold">Tickets</h1>
            <p className="text-sm text-slate-600" aria-live="polite">
              {result.total === 1 ? '1 ticket' : `${result.total.toLocaleString('en')} tickets`}
              {filtered ? ' match' : ''}
            </p>
          </div>
          <NewTicketDialog workspaceId={ctx.workspaceId} basePath={basePath} agents={people} teams={teams} me={ctx.actor.id} />
        </div>
        {/* Keyed by the query: its fields are uncontrolled, so a new URL (Clear, back) must remount them. */}
        <TicketsFilters key={ticketListHref('', query)} basePath={basePath} query={query} agents={people} teams={teams} />
        {result.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
            <p className="font-medium">{filtered ? 'No tickets match these filters' : 'No tickets yet'}</p>
            <p className="mt-1 text-sm text-slate-500">
              {filtered ? 'Try another search, or clear the filters.' : 'Create one here with New ticket, or from a conversation with Create ticket.'}
            </p>
          </div>
        ) : (
          <TicketsList workspaceId={ctx.workspaceId} basePath={basePath} rows={result.rows} agents={people} teams={teams} />
        )}
        {result.pageCount > 1 && (
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            {result.page > 1 ? (
              <Link href={ticketListHref(basePath, { ...query, page: result.page - 1 })} rel="prev" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">
              Page {result.page} of {result.pageCount}
            </span>
            {result.page < result.pageCount ? (
              <Link href={ticketListHref(basePath, { ...query, page: result.page + 1 })} rel="next" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </div>
    </main>
  );
}
