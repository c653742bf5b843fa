import { ChevronLeft } from 'lucide-react';
import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import type { WorkspacePageContext } from '@/lib/auth/workspace-page';
import { composerVariables } from '@/lib/composer/variables';
import type { ConversationView } from '@/lib/inbox/history';
import { getDb } from '@/lib/db';
import { listCheckoutTargets } from '@/lib/commerce/hand-back-options';
import { listFlows } from '@/lib/flows/store';
import { listAssignees } from '@/lib/settings/assignees';
import { loadRoutingStatus } from '@/lib/routing/routing-status';
import { WaitingNote } from '@/components/routing/routing-status-note';
import { ConversationClient } from './conversation/conversation-client';
import { ConversationToolbar } from './conversation-toolbar';
import { SlaBadge } from './list/sla-badge';
import { CreateOrderButton } from './create-order-button';
import { CreateTicketButton } from './create-ticket-button';
import { ConversationTicketBadges } from '@/components/tickets/ticket-links';
import { ticketsFor } from '@/lib/tickets/list';
import { CUSTOMER_INFO_SLOT_ID } from './customer/slot';
import { ReminderButton } from './reminder-button';
import { ShareProductButton } from './share-product-button';
import { CallControls } from './call/call-controls';
import { callsEnabledFor } from '@/lib/calls/availability';

function handlerText(c: ConversationView): string {
  if (c.status === 'resolved') return 'Resolved';
  if (c.handler === 'agent') return `Assigned to ${c.assignee?.name ?? 'an agent'}`;
  return c.handler === 'bot' ? 'With the bot' : 'Waiting for an agent';
}

/** Centre panel: the conversation's history and the composer. */
export async function ConversationPanel({ ctx, conversation, backHref }: { ctx: WorkspacePageContext; conversation: ConversationView | null; backHref: string }) {
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
  const waiting = conversation.status === 'open' && conversation.handler === 'queue';
  const [assignees, flowRows, checkout, routing, linkedTickets, callsEnabled] = await Promise.all([
    listAssignees(getDb(), ctx),
    listFlows(getDb(), ctx.workspaceId),
    listCheckoutTargets(getDb(), ctx.workspaceId),
    waiting ? loadRoutingStatus(getDb(), ctx.workspaceId, { conversationId: conversation.id, viewerId: ctx.actor.id, automaticOnly: true }) : null,
    ticketsFor(getDb(), ctx, { conversationId: conversation.id }),
    conversation.status === 'open' && conversation.channel.kind === 'web' ? callsEnabledFor(getDb(), ctx.workspaceId, conversation.id) : false,
  ]);
  const startableFlows = flowRows.filter((f) => f.enabled && f.kind === 'custom').map((f) => ({ id: f.id, name: f.name }));
  const variables = composerVariables({ customerName: conversation.contact.name, agentName: ctx.actor.name, shopName: conversation.workspace.name });
  return (
    <section aria-label="Conversation" className="flex min-h-0 flex-col bg-slate-50">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-3">
        <a href={backHref} className="-ml-2 inline-flex min-h-11 items-center gap-0.5 rounded-md px-2 text-sm text-brand-600 hover:bg-slate-50 md:hidden">
          <ChevronLeft aria-hidden className="size-4" />
          Back
        </a>
        <Avatar name={conversation.contact.name} src={conversation.contact.avatarUrl} size={32} />
        <div className="min-w-0">
          <h2 className="truncate font-semibold">{conversation.contact.name}</h2>
          <p className="flex items-center gap-1 text-xs text-slate-500">
            <ChannelIcon kind={conversation.channel.kind} size={12} /> {channelLabel(conversation.channel.kind)} · {handlerText(conversation)}
            {conversation.sla && conversation.status === 'open' && <SlaBadge target={conversation.sla} />}
          </p>
          <ConversationTicketBadges slug={ctx.membership.workspaceSlug} tickets={linkedTickets} />
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <span id={CUSTOMER_INFO_SLOT_ID} className="contents xl:hidden" />
          {callsEnabled && <CallControls key={conversation.id} workspaceId={ctx.workspaceId} conversationId={conversation.id} />}
          <ConversationToolbar
            workspaceId={ctx.workspaceId}
            conversationId={conversation.id}
            version={conversation.version}
            status={conversation.status}
            handler={conversation.handler}
            assigneeId={conversation.assignee?.id ?? null}
            followUp={conversation.followUp}
            priority={conversation.priority}
            hasPausedFlow={Boolean(conversation.flow?.paused)}
            hasFlow={Boolean(conversation.flow)}
            me={ctx.actor.id}
            assignees={assignees}
            flows={startableFlows}
            checkout={checkout}
          >
            {conversation.status === 'open' && conversation.rules.outboundKinds.includes('product') && (
              <ShareProductButton workspaceId={ctx.workspaceId} conversationId={conversation.id} />
            )}
            {conversation.status === 'open' && <CreateOrderButton workspaceId={ctx.workspaceId} conversationId={conversation.id} />}
            <CreateTicketButton
              workspaceId={ctx.workspaceId}
              slug={ctx.membership.workspaceSlug}
              conversationId={conversation.id}
              me={ctx.actor.id}
              agents={assignees.agents.map((a) => ({ id: a.id, name: a.name }))}
              teams={assignees.teams}
            />
            {conversation.status === 'open' && (
              <ReminderButton workspaceId={ctx.workspaceId} conversationId={conversation.id} timeZone={conversation.workspace.timezone} />
            )}
          </ConversationToolbar>
        </div>
      </div>
      {routing && <WaitingNote key={`waiting-${conversation.id}`} workspaceId={ctx.workspaceId} conversationId={conversation.id} initial={routing} />}
      <ConversationClient
        key={conversation.id}
        workspaceId={ctx.workspaceId}
        conversation={conversation}
        me={{ id: ctx.actor.id, name: ctx.actor.name }}
        variables={variables}
      />
    </section>
  );
}
