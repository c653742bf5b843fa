import { getDb } from '@/lib/db';
import type { ActorContext } from '@/lib/auth/action-core';
import { countInboxTabs, listConversations } from '@/lib/inbox/list';
import { LIST_PAGE_SIZE, parseListParams, type InboxTab } from '@/lib/inbox/list-query';
import { realtimeChannels } from '@/lib/realtime/channels';
import { listAssignees } from '@/lib/settings/assignees';
import { listChannels } from '@/lib/settings/queries';
import { loadRoutingStatus } from '@/lib/routing/routing-status';
import { WaitingNote } from '@/components/routing/routing-status-note';
import { InboxList } from './list/inbox-list';

/**
 * Left panel: the unified customer list. Renders the first page on the server (filters,
 * sort and search come from the URL, each validated) and hands it to the client list,
 * which pages, searches, filters and stays live from there.
 */
export async function ListPanel({
  ctx,
  basePath,
  tab,
  selectedId,
  searchParams = {},
}: {
  ctx: ActorContext;
  basePath: string;
  tab: InboxTab;
  selectedId?: string;
  /** The page's raw search params (tab, assigned, status, channel, sort, q). */
  searchParams?: Record<string, string | string[] | undefined>;
}) {
  const db = getDb();
  const filters = { ...parseListParams(searchParams), tab };
  const [page, counts, channels, assignees, routing] = await Promise.all([
    listConversations(db, ctx, { ...filters, limit: LIST_PAGE_SIZE }),
    countInboxTabs(db, ctx),
    listChannels(db, ctx),
    listAssignees(db, ctx),
    // Requests: why they wait, when automatic routing cannot hand them out.
    tab === 'requests' ? loadRoutingStatus(db, ctx.workspaceId, { viewerId: ctx.actor.id, automaticOnly: true }) : null,
  ]);
  return (
    <section aria-label="Customers" className={`min-h-0 flex-col border-r border-slate-200 bg-white ${selectedId ? 'hidden md:flex' : 'flex'}`}>
      <InboxList
        workspaceId={ctx.workspaceId}
        meId={ctx.actor.id}
        basePath={basePath}
        channelName={realtimeChannels.workspace(ctx.workspaceId)}
        filters={filters}
        selectedId={selectedId}
        initial={{ rows: page.rows, nextCursor: page.nextCursor, counts }}
        notice={routing && <WaitingNote workspaceId={ctx.workspaceId} initial={routing} />}
        options={{
          channels: channels.map((c) => ({ id: c.id, kind: c.kind, name: c.name })),
          members: assignees.agents.map((m) => ({ id: m.id, name: m.name })),
          teams: assignees.teams,
        }}
      />
    </section>
  );
}
