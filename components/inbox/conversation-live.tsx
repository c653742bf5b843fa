'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';

/** Re-renders the open conversation when its messages arrive or change state. */
export function ConversationLive({ channelName }: { channelName: string }) {
  const router = useRouter();
  const scheduled = useRef(false);
  useChannelEvents(channelName, ['message.created', 'message.updated'], () => {
    if (scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      router.refresh();
    });
  });
  return null;
}
