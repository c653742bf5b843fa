import { Fragment } from 'react';
import { LocalTime } from '@/components/time/time-zone';
import { ChannelIcon } from '@/components/ui/channel-icon';
import type { HistoryConversation, HistoryMessage } from '@/lib/inbox/history';
import { MessageContentView } from './conversation/message-content';
import { DeletedMessage, MessageReferenceLine, ReactionBadge } from './conversation/message-extras';
import { RetryButton } from './retry-button';
import { Bot, Check, CheckCheck, CircleAlert, Clock, Ellipsis, type LucideIcon } from 'lucide-react';

function senderLabel(m: HistoryMessage, contactName: string) {
  if (m.senderKind === 'customer') return contactName;
  if (m.senderKind === 'bot') return m.senderName ? `Bot · ${m.senderName}` : 'Bot';
  if (m.senderKind === 'system') return 'Baton';
  return m.senderName ?? 'Agent';
}

/** A short time in the bubble, in the agent's zone; the exact one on hover. */
function Time({ iso }: { iso: string }) {
  return <LocalTime value={iso} format="compact" />;
}

const deliveryLabels: Record<string, { label: string; Icon: LucideIcon }> = {
  queued: { label: 'Queued', Icon: Clock },
  sending: { label: 'Sending', Icon: Ellipsis },
  sent: { label: 'Sent', Icon: Check },
  delivered: { label: 'Delivered', Icon: CheckCheck },
  read: { label: 'Read', Icon: CheckCheck },
  failed: { label: 'Failed', Icon: CircleAlert },
};

function Delivery({ m }: { m: HistoryMessage }) {
  const d = deliveryLabels[m.status];
  if (!d) return null;
  return (
    <span data-testid="delivery-status" data-status={m.status} title={d.label} className={m.status === 'read' ? 'font-semibold text-sky-200' : ''}>
      {' · '}
      <d.Icon className="inline size-3.5 align-[-2px]" /> {d.label}
    </span>
  );
}

/** "Conversation of 2 May 2026 · resolved 3 May 2026", the days in the agent's zone. */
function ConversationTitle({ c }: { c: HistoryConversation | undefined }) {
  if (!c) return <span>Earlier conversation</span>;
  return (
    <span>
      Conversation of <LocalTime value={c.createdAt} format="date" />
      {c.resolvedAt && (
        <>
          {' · resolved '}
          <LocalTime value={c.resolvedAt} format="date" />
        </>
      )}
    </span>
  );
}

/**
 * A run of history, oldest first. Status lines are centred and small; notes are amber and
 * marked as internal; outbound messages show their delivery status, and a failed one its
 * reason with a retry. With `conversations`, a divider starts each earlier conversation.
 */
// Long: one list's markup: dividers, bubbles, notes and delivery states.
export function MessageList({
  messages,
  contactName,
  workspaceId,
  label = 'Messages',
  conversations,
}: {
  messages: HistoryMessage[];
  contactName: string;
  workspaceId: string;
  label?: string;
  conversations?: Record<string, HistoryConversation>;
}) {
  if (messages.length === 0 && !conversations) return <p className="p-6 text-center text-sm text-slate-500">No messages yet.</p>;
  return (
    <ol className="flex flex-col gap-2 px-4 py-2" aria-label={label}>
      {messages.map((m, i) => {
        const divider =
          conversations && (i === 0 || messages[i - 1].conversationId !== m.conversationId) ? (
            <li role="separator" className="my-2 flex items-center gap-2 text-xs text-slate-500">
              <span className="h-px flex-1 bg-slate-300" />
              {conversations[m.conversationId] && <ChannelIcon kind={conversations[m.conversationId].channelKind} size={14} />}
              <ConversationTitle c={conversations[m.conversationId]} />
              <span className="h-px flex-1 bg-slate-300" />
            </li>
          ) : null;

        if (m.kind === 'status') {
          return (
            <Fragment key={m.id}>
              {divider}
            <li data-testid="status-message" className="my-1 flex justify-center">
              <span className="rounded-full bg-slate-200/70 px-3 py-0.5 text-center text-xs text-slate-600">
                {m.body} · <Time iso={m.createdAt} />
              </span>
            </li>
            </Fragment>
          );
        }

        const mine = m.direction !== 'inbound';
        const note = m.kind === 'note';
        const onBrand = mine && !note;
        return (
          <Fragment key={m.id}>
            {divider}
          <li data-testid={note ? 'note-message' : 'message'} className={`flex ${mine ? 'justify-end' : 'justify-start'}`}>
            <div
              className={`max-w-[80%] rounded-2xl px-3 py-2 text-sm shadow-sm ${
                note ? 'border border-dashed border-amber-300 bg-amber-50 text-amber-950' : onBrand ? 'bg-brand-600 text-white' : 'bg-white text-slate-900'
              }`}
            >
              <p className={`mb-0.5 text-xs ${onBrand ? 'text-brand-100' : note ? 'text-amber-700' : 'text-slate-500'}`}>
                {note && (
                  <span className="mr-1 rounded bg-amber-200 px-1 font-semibold uppercase tracking-wide text-amber-900" title="Only your team sees notes">
                    Note
                  </span>
                )}
                <span>{senderLabel(m, contactName)}</span>
                {m.senderKind === 'bot' && <Bot className="ml-1 inline size-3.5 align-[-2px]" />}
              </p>
              {m.extras?.reference && <MessageReferenceLine reference={m.extras.reference} onBrand={onBrand} />}
              {m.extras?.deleted ? <DeletedMessage /> : <MessageContentView content={m.content} messageRef={{ workspaceId, messageId: m.id }} />}
              <p className={`mt-1 text-right text-[11px] ${onBrand ? 'text-brand-100' : note ? 'text-amber-700' : 'text-slate-400'}`}>
                <Time iso={m.createdAt} />
                {m.direction === 'outbound' && <Delivery m={m} />}
              </p>
              {m.extras?.reaction && <ReactionBadge emoji={m.extras.reaction} mine={mine} />}
              {m.status === 'failed' && (
                <p className={`mt-1 flex flex-wrap items-center gap-2 text-xs ${onBrand ? 'text-red-100' : 'text-red-700'}`} role="status">
                  <span>Not sent{m.error ? `: ${m.error}` : ''}</span>
                  <RetryButton workspaceId={workspaceId} messageId={m.id} />
                </p>
              )}
              {m.status === 'queued' && m.error && <p className="mt-1 text-xs text-brand-100">{m.error}</p>}
            </div>
          </li>
          </Fragment>
        );
      })}
    </ol>
  );
}
