import type { Metadata } from 'next';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ConversationRow } from '@/components/inbox/conversation-row';
import { InboxLiveUpdates } from '@/components/inbox/inbox-live-updates';
import { InboxTabs } from '@/components/inbox/inbox-tabs';
import { MessageList } from '@/components/inbox/message-list';
import { Composer } from '@/components/inbox/composer';
import { ConversationLive } from '@/components/inbox/conversation-live';
import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getConversationView } from '@/lib/inbox/history';
import { inboxTabs, listConversations } from '@/lib/inbox/list';
import { realtimeChannels } from '@/lib/realtime/channels';

export const metadata: Metadata = { title: 'Inbox' };

const searchSchema = z.object({
  tab: z.enum(inboxTabs).catch('all'),
  c: z.uuid().optional().catch(undefined),
});

const emptyTabText: Record<string, string> = {
  active: 'Nothing assigned to you. Take a request or wait for a new one.',
  requests: 'No customer is waiting for an agent.',
  bot: 'No conversation is with the bot right now.',
  all: 'No open conversations yet. They appear here as customers write in.',
  resolved: 'No resolved conversations yet.',
};

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const { tab, c: selectedId } = searchSchema.parse(await searchParams);
  const db = getDb();
  const [{ rows }, selected] = await Promise.all([
    listConversations(db, ctx, { tab }),
    selectedId ? getConversationView(db, ctx, selectedId) : Promise.resolve(null),
  ]);
  const basePath = `/w/${slug}/inbox`;

  return (
    <div className="grid h-full grid-cols-1 md:grid-cols-[320px_1fr] xl:grid-cols-[340px_1fr_300px]">
      <InboxLiveUpdates channelName={realtimeChannels.workspace(ctx.workspaceId)} />
      <section
        aria-label="Customers"
        className={`min-h-0 flex-col border-r border-slate-200 bg-white ${selected ? 'hidden md:flex' : 'flex'}`}
      >
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

      <section aria-label="Conversation" className={`min-h-0 flex-col bg-slate-50 ${selected ? 'flex' : 'hidden md:flex'}`}>
        {selected ? (
          <>
            <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
              <a href={`${basePath}?tab=${tab}`} className="text-sm text-brand-600 md:hidden">
                ← Back
              </a>
              <Avatar name={selected.contact.name} src={selected.contact.avatarUrl} size={32} />
              <div className="min-w-0">
                <h2 className="truncate font-semibold">{selected.contact.name}</h2>
                <p className="flex items-center gap-1 text-xs text-slate-500">
                  <ChannelIcon kind={selected.channel.kind} size={12} /> {channelLabel(selected.channel.kind)} ·{' '}
                  {selected.status === 'resolved'
                    ? 'Resolved'
                    : selected.handler === 'agent'
                      ? `Assigned to ${selected.assignee?.name ?? 'an agent'}`
                      : selected.handler === 'bot'
                        ? 'With the bot'
                        : 'Waiting for an agent'}
                </p>
              </div>
            </div>
            <ConversationLive channelName={realtimeChannels.conversation(selected.id)} workspaceId={ctx.workspaceId} conversationId={selected.id} />
            <div className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto">
              <MessageList messages={selected.messages} contactName={selected.contact.name} workspaceId={ctx.workspaceId} />
            </div>
            <Composer workspaceId={ctx.workspaceId} conversationId={selected.id} window={selected.replyWindow} />
          </>
        ) : (
          <div className="m-auto p-6 text-center text-slate-500">
            <p className="font-medium">Select a conversation</p>
            <p className="text-sm">Its history and the composer appear here.</p>
          </div>
        )}
      </section>

      <aside aria-label="Customer info" className="hidden min-h-0 overflow-y-auto border-l border-slate-200 bg-white p-4 xl:block">
        {selected ? (
          <div>
            <div className="flex flex-col items-center text-center">
              <Avatar name={selected.contact.name} src={selected.contact.avatarUrl} size={64} />
              <h2 className="mt-2 font-semibold">{selected.contact.name}</h2>
              {selected.contact.email && <p className="text-sm text-slate-600">{selected.contact.email}</p>}
              {selected.contact.phone && <p className="text-sm text-slate-600">{selected.contact.phone}</p>}
            </div>
            {Object.keys(selected.contact.customData).length > 0 && (
              <dl className="mt-6 space-y-2 text-sm">
                {Object.entries(selected.contact.customData).map(([key, value]) => (
                  <div key={key} className="flex justify-between gap-2">
                    <dt className="text-slate-500">{key}</dt>
                    <dd className="text-right font-medium">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        ) : (
          <p className="text-center text-sm text-slate-500">Customer details show here.</p>
        )}
      </aside>
    </div>
  );
}
