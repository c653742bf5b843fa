import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon } from '@/components/ui/channel-icon';
import { RelativeTime } from '@/components/ui/relative-time';
import type { InboxRow, SearchMatch } from '@/lib/inbox/list-query';
import { UNREAD_CAP } from '@/lib/inbox/list-query';
import { Highlight } from './list/highlight';
import { SlaBadge } from './list/sla-badge';
import { Flag, Star } from 'lucide-react';

function previewText(row: InboxRow): string {
  if (row.lastMessagePreview) return row.lastMessagePreview;
  return row.lastMessageKind ? row.lastMessageKind[0].toUpperCase() + row.lastMessageKind.slice(1) : 'No messages yet';
}

function handlerLabel(row: InboxRow): string {
  if (row.status === 'resolved') return 'Resolved';
  if (row.handler === 'bot') return 'Bot';
  if (row.handler === 'queue') return row.team ? `Waiting · ${row.team.name}` : 'Waiting';
  return row.assignee?.name ?? 'Agent';
}

/** Search matches other than the name (which is highlighted in place), at most two lines. */
function matchLines(matches: SearchMatch[] | undefined): SearchMatch[] {
  return (matches ?? []).filter((m) => m.kind !== 'name').slice(0, 2);
}

export type ConversationRowProps = {
  row: InboxRow;
  href: string;
  selected: boolean;
  /** The keyboard cursor is on this row. */
  active?: boolean;
  /** The search text, to highlight. */
  term?: string;
  onNavigate?: () => void;
};

export function ConversationRow({ row, href, selected, active = false, term, onNavigate }: ConversationRowProps) {
  // The open conversation is being read: no unread badge for it.
  const unreadCount = selected ? 0 : row.unreadCount;
  const unread = unreadCount > 0;
  const lines = term ? matchLines(row.matches) : [];
  return (
    <Link
      href={href}
      // Rows scroll by in their thousands: no prefetch per row that passes.
      prefetch={false}
      onClick={onNavigate}
      aria-current={selected ? 'true' : undefined}
      data-testid="conversation-row"
      data-conversation-id={row.id}
      data-active={active || undefined}
      className={`flex gap-3 border-b border-slate-100 px-3 py-3 hover:bg-slate-50 focus-visible:outline-offset-[-2px] ${
        selected ? 'bg-brand-50' : active ? 'bg-slate-100' : ''
      } ${active ? 'shadow-[inset_3px_0_0_var(--color-brand-500)]' : ''}`}
    >
      <div className="relative">
        <Avatar name={row.contact.name} src={row.contact.avatarUrl} />
        <span className="absolute -bottom-0.5 -right-0.5">
          <ChannelIcon kind={row.channel.kind} />
        </span>
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className={`truncate ${unread ? 'font-semibold' : 'font-medium'}`}>
            <Highlight text={row.contact.name} term={term} />
          </span>
          {row.followUp && (
            <span className="shrink-0 self-center text-amber-500" title="Follow-up">
              <Star className="size-3.5 fill-current" aria-label="Follow-up" role="img" />
            </span>
          )}
          <span className="ml-auto shrink-0 text-xs text-slate-500">
            <RelativeTime iso={row.lastMessageAt} />
          </span>
        </div>
        <div className="flex items-center gap-2">
          <p className={`truncate text-sm ${unread ? 'text-slate-900' : 'text-slate-500'}`}>{previewText(row)}</p>
          {unread && (
            <span
              className="ml-auto shrink-0 rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
              aria-label={`${unreadCount >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : unreadCount} unread`}
            >
              {unreadCount >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : unreadCount}
            </span>
          )}
        </div>
        {lines.map((m, i) => (
          <p key={`${m.kind}-${m.label}-${i}`} className="truncate text-xs text-slate-600" data-match-kind={m.kind}>
            {/* Custom data can match by its key or field label: mark it there too. */}
            <span className="text-slate-400">{m.kind === 'data' ? <Highlight text={m.label} term={term} /> : m.label}: </span>
            <Highlight text={m.value} term={term} mode={m.kind === 'phone' ? 'phone' : 'text'} />
          </p>
        ))}
        <div className="mt-0.5 flex items-center gap-2">
          <p className="truncate text-xs text-slate-500">{handlerLabel(row)}</p>
          {(row.priority === 'high' || row.priority === 'urgent') && row.status === 'open' && (
            <span className={`inline-flex shrink-0 items-center gap-0.5 text-[11px] font-medium ${row.priority === 'urgent' ? 'text-red-700' : 'text-amber-700'}`} data-testid="row-priority">
              <Flag aria-hidden className="size-3" />
              {row.priority === 'urgent' ? 'Urgent' : 'High'}
            </span>
          )}
          {row.slaDueAt && row.status === 'open' && (
            <span className="ml-auto">
              <SlaBadge target={{ dueAt: row.slaDueAt, kind: row.slaDueKind, startedAt: row.slaDueStartedAt }} />
            </span>
          )}
        </div>
      </div>
    </Link>
  );
}
