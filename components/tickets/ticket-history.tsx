'use client';

import { useTimeZone } from '@/components/time/time-zone';
import { RelativeTime } from '@/components/ui/relative-time';
import type { TicketHistoryItem } from '@/lib/tickets/detail';
import { describeHistory } from '@/lib/tickets/describe-history';
import { formatInZone } from '@/lib/time/format';
import { CommentBody } from './ticket-comments';

/** Newest first: field changes, comments and what the customer was told, each with who and when. */
export function TicketHistory({ workspaceId, items, me, isAdmin }: { workspaceId: string; items: TicketHistoryItem[]; me: string; isAdmin: boolean }) {
  const { zone } = useTimeZone();
  const formatTime = (iso: string) => formatInZone(iso, zone ?? 'UTC', 'datetime');
  if (!items.length) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol aria-label="History" className="space-y-3">
      {items.map((e) => (
        <li key={e.id} data-testid="history-item" className="text-sm">
          <p className="text-slate-700">
            {describeHistory({ ...e, actorName: e.actor?.name ?? null }, formatTime)}{' '}
            <span className="text-xs text-slate-400">
              <RelativeTime iso={e.createdAt} />
              {e.editedAt ? ' · edited' : ''}
            </span>
          </p>
          {e.kind === 'comment' && e.body !== null && (
            <CommentBody key={e.body} workspaceId={workspaceId} commentId={e.id} body={e.body} canEdit={isAdmin || e.actor?.id === me} />
          )}
        </li>
      ))}
    </ol>
  );
}
