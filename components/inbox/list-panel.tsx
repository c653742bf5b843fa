import { getDb } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { listConversations, type InboxTab } from '@/lib/inbox/list';
import { realtimeChannels } from '@/lib/realtime/channels';
import { ConversationRow } from './conversation-row';
import { InboxLiveUpdates } from './inbox-live-updates';
import { InboxTabs } from './inbox-tabs';

const emptyTabText: Record<InboxTab, string> = {
  active: 'Nothing assigned to you. Take a request or wait for a new one.',
  requests: 'No customer is waiting for an agent.',
  bot: 'No conversation is with the bot right now.',
  all: 'No open conversations yet. They appear here as customers write in.',
  resolved: 'No resolved conversations yet.',
};

/** Left panel: the unified customer list with its tabs. */
export async function ListPanel({ ctx, basePath, tab, selectedId }: { ctx: ActorContext; basePath: string; tab: InboxTab; selectedId?: string }) {
  const { rows } = await listConversations(getDb(), ctx, { tab });
  return (
    <section aria-label="Customers" className={`min-h-0 flex-col border-r border-slate-200 bg-white ${selectedId ? 'hidden md:flex' : 'flex'}`}>
      <InboxLiveUpdates channelName={realtimeChannels.workspace(ctx.workspaceId)} />
      <InboxTabs basePath={basePath} current={tab} />
      {rows.length === 0 ? (
        <p className="p-6 text-center text-sm text-slate-500">{emptyTabText[tab]}</p>
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Conversations">
          {rows.map((row) => (
            <li key={row.id}>
              <ConversationRow row={row} href={`${basePath}?tab=${tab}&c=${row.id}`} selected={row.id === selectedId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
