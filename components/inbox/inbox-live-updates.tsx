'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';

const EVENTS = ['conversation.created', 'conversation.updated', 'message.created'];

/**
 * Re-renders the server-rendered inbox when the workspace channel reports a change.
 * Bursts are coalesced into one refresh per animation frame.
 */
export function InboxLiveUpdates({ channelName }: { channelName: string }) {
  const router = useRouter();
  const scheduled = useRef(false);
  useChannelEvents(channelName, EVENTS, () => {
    if (scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      router.refresh();
    });
  });
  return null;
}
