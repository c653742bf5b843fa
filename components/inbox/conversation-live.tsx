'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import { markReadAction } from '@/app/w/[slug]/inbox/actions';

/**
 * Keeps the open conversation current: re-renders when its messages arrive or change
 * state, and marks it read for this agent (on open and as new messages come in).
 */
export function ConversationLive({ channelName, workspaceId, conversationId }: { channelName: string; workspaceId: string; conversationId: string }) {
  const router = useRouter();
  const scheduled = useRef(false);

  useEffect(() => {
    void markReadAction({ workspaceId, conversationId });
  }, [workspaceId, conversationId]);

  useChannelEvents(channelName, ['message.created', 'message.updated'], (name) => {
    if (name === 'message.created' && document.visibilityState === 'visible') void markReadAction({ workspaceId, conversationId });
    if (scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      router.refresh();
    });
  });
  return null;
}
