import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { ChannelIcon } from '@/components/ui/channel-icon';
import { RelativeTime } from '@/components/ui/relative-time';
import type { InboxRow } from '@/lib/inbox/list';

function previewText(row: InboxRow): string {
  if (row.lastMessagePreview) return row.lastMessagePreview;
  return row.lastMessageKind ? row.lastMessageKind[0].toUpperCase() + row.lastMessageKind.slice(1) : 'No messages yet';
}

function handlerLabel(row: InboxRow): string {
  if (row.status === 'resolved') return 'Resolved';
  if (row.handler === 'bot') return 'Bot';
  if (row.handler === 'queue') return 'Waiting';
  return row.assignee?.name ?? 'Agent';
}

export function ConversationRow({ row, href, selected }: { row: InboxRow; href: string; selected: boolean }) {
  const unread = row.unreadCount > 0;
  return (
    <Link
      href={href}
      aria-current={selected ? 'true' : undefined}
      data-testid="conversation-row"
      className={`flex gap-3 border-b border-slate-100 px-3 py-3 hover:bg-slate-50 ${selected ? 'bg-brand-50' : ''}`}
    >
      <div className="relative">
        <Avatar name={row.contact.name} src={row.contact.avatarUrl} />
        <span className="absolute -bottom-0.5 -right-0.5">
          <ChannelIcon kind={row.channel.kind} />
        </span>
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className={`truncate ${unread ? 'font-semibold' : 'font-medium'}`}>{row.contact.name}</span>
          {row.followUp && (
            <span className="text-amber-500" title="Follow-up" aria-label="Follow-up">
              ★
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
              aria-label={`${row.unreadCount} unread`}
            >
              {row.unreadCount}
            </span>
          )}
        </div>
        <p className="mt-0.5 text-xs text-slate-500">{handlerLabel(row)}</p>
      </div>
    </Link>
  );
}
