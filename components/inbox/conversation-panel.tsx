import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import type { ActorContext } from '@/lib/auth/action-core';
import type { ConversationView } from '@/lib/inbox/history';
import { realtimeChannels } from '@/lib/realtime/channels';
import { Composer } from './composer';
import { ConversationLive } from './conversation-live';
import { MessageList } from './message-list';

function handlerText(c: ConversationView): string {
  if (c.status === 'resolved') return 'Resolved';
  if (c.handler === 'agent') return `Assigned to ${c.assignee?.name ?? 'an agent'}`;
  return c.handler === 'bot' ? 'With the bot' : 'Waiting for an agent';
}

/** Centre panel: the conversation's history and the composer. */
export function ConversationPanel({ ctx, conversation, backHref }: { ctx: ActorContext; conversation: ConversationView | null; backHref: string }) {
  if (!conversation) {
    return (
      <section aria-label="Conversation" className="hidden min-h-0 flex-col bg-slate-50 md:flex">
        <div className="m-auto p-6 text-center text-slate-500">
          <p className="font-medium">Select a conversation</p>
          <p className="text-sm">Its history and the composer appear here.</p>
        </div>
      </section>
    );
  }
  return (
    <section aria-label="Conversation" className="flex min-h-0 flex-col bg-slate-50">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <a href={backHref} className="text-sm text-brand-600 md:hidden">
          ← Back
        </a>
        <Avatar name={conversation.contact.name} src={conversation.contact.avatarUrl} size={32} />
        <div className="min-w-0">
          <h2 className="truncate font-semibold">{conversation.contact.name}</h2>
          <p className="flex items-center gap-1 text-xs text-slate-500">
            <ChannelIcon kind={conversation.channel.kind} size={12} /> {channelLabel(conversation.channel.kind)} · {handlerText(conversation)}
          </p>
        </div>
      </div>
      <ConversationLive channelName={realtimeChannels.conversation(conversation.id)} workspaceId={ctx.workspaceId} conversationId={conversation.id} />
      <div className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto">
        <MessageList messages={conversation.messages} contactName={conversation.contact.name} workspaceId={ctx.workspaceId} />
      </div>
      <Composer workspaceId={ctx.workspaceId} conversationId={conversation.id} window={conversation.replyWindow} />
    </section>
  );
}
