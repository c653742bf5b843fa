'use client';

import { useEffect, useRef, useState } from 'react';
import { markReadAction } from '@/app/w/[slug]/inbox/actions';
import { useRealtime } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';

export type ConversationLiveHandlers = {
  /** `message.created`: `{ version, message }` (a summary). */
  onCreated(data: unknown): void;
  /** `message.updated`: `{ message: { id, status, error } }`. */
  onUpdated(data: unknown): void;
  /** `visitor.typing` from the website chat: `{ typing, at }`. */
  onVisitorTyping?(data: unknown): void;
  /** Back after a lost connection: catch up on what was published meanwhile. */
  onReconnected?(): void;
};

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/**
 * Keeps the open conversation current from `private-conversation-{id}` (new messages,
 * delivery changes, the customer typing), marks it read for this agent on open and as
 * messages arrive while the tab is visible, and reports the connection state.
 */
export function useConversationLive(workspaceId: string, conversationId: string, handlers: ConversationLiveHandlers): ConnectionState {
  const pusher = useRealtime();
  const ref = useRef(handlers);
  ref.current = handlers;
  const [state, setState] = useState<ConnectionState>('connected');

  useEffect(() => {
    void markReadAction({ workspaceId, conversationId });
  }, [workspaceId, conversationId]);

  useEffect(() => {
    if (!pusher) return;
    const name = realtimeChannels.conversation(conversationId);
    const channel = pusher.subscribe(name);
    const created = (data: unknown) => {
      if (document.visibilityState === 'visible') void markReadAction({ workspaceId, conversationId });
      ref.current.onCreated(data);
    };
    const updated = (data: unknown) => ref.current.onUpdated(data);
    const typing = (data: unknown) => ref.current.onVisitorTyping?.(data);
    channel.bind('message.created', created);
    channel.bind('message.updated', updated);
    channel.bind('visitor.typing', typing);

    let wasDown = false;
    const onState = (states: { current: string }) => {
      if (states.current === 'connected') {
        setState('connected');
        if (wasDown) ref.current.onReconnected?.();
        wasDown = false;
      } else if (states.current === 'connecting' || states.current === 'unavailable') {
        wasDown = true;
        setState('reconnecting');
      } else if (states.current === 'failed' || states.current === 'disconnected') {
        wasDown = true;
        setState('offline');
      }
    };
    pusher.connection.bind('state_change', onState);
    return () => {
      channel.unbind('message.created', created);
      channel.unbind('message.updated', updated);
      channel.unbind('visitor.typing', typing);
      pusher.connection.unbind('state_change', onState);
      pusher.unsubscribe(name);
    };
  }, [pusher, workspaceId, conversationId]);

  return state;
}
