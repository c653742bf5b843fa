'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';

const events = ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.deleted'];

/**
 * Keeps a tickets screen current: any ticket change in the workspace (or only this ticket's,
 * on its page) re-renders the page from the server. Several events in a burst (a bulk edit)
 * refresh once. On a ticket's page, its deletion is said instead.
 */
export function TicketsLive({ workspaceId, ticketId }: { workspaceId: string; ticketId?: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [deleted, setDeleted] = useState(false);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useChannelEvents(realtimeChannels.workspace(workspaceId), events, (name, data) => {
    const id = (data as { id?: string } | null)?.id;
    if (ticketId && id !== ticketId) return;
    if (ticketId && name === 'ticket.deleted') return setDeleted(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 150);
  });
  if (!deleted) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      This ticket was just deleted by an admin.
    </p>
  );
}
