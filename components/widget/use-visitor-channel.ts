'use client';

import { useEffect } from 'react';
import type { RealtimeClientConfig } from '@/lib/config';
import type { WidgetVisitorView } from '@/lib/widget/types';
import type { WidgetApi } from './api';

const AGENT_TYPING_TIMEOUT_MS = 6_000;

/**
 * Live updates on private-visitor-{identityId}: a new message (or coming back after a
 * network drop) fetches what is new; an agent's typing shows for a while or until stopped.
 * pusher-js is loaded only once there is a visitor to listen for: a new visitor's first open
 * of the chat does not download it.
 */
export function useVisitorChannel({
  realtime,
  api,
  visitor,
  refresh,
  shopName,
  setAgentTyping,
  onResolved,
  onCall,
  onCobrowse,
}: {
  realtime: RealtimeClientConfig;
  api: WidgetApi;
  visitor: WidgetVisitorView | null;
  refresh(): Promise<void>;
  /** Who is typing when the event does not say. */
  shopName: string;
  setAgentTyping(name: string | null): void;
  /** An agent resolved the conversation (the rating card asks the server). */
  onResolved?(): void;
  /** An agent's call rings, or ended before it was answered (the call's own part handles it). */
  onCall?(event: 'call.ringing' | 'call.ended' | 'call.sync', data: unknown): void;
  /** An agent asked to see the page, or co-browsing changed (components/widget/cobrowse.tsx asks the server). */
  onCobrowse?(): void;
}) {
  useEffect(() => {
    if (!visitor) return;
    let stopped = false;
    let stop = () => {};
    void import('@/components/realtime/pusher-client').then(({ createPusherClient }) => {
      if (stopped) return;
      const pusher = createPusherClient(realtime, { authorize: api.authorizeRealtime });
      let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
      const channel = pusher.subscribe(`private-visitor-${visitor.identityId}`);
      const catchUp = () => void refresh().catch(() => {});
      channel.bind('message.created', catchUp);
      channel.bind('pusher:subscription_succeeded', catchUp);
      channel.bind('conversation.resolved', () => onResolved?.());
      channel.bind('call.ringing', (data: unknown) => onCall?.('call.ringing', data));
      channel.bind('call.ended', (data: unknown) => onCall?.('call.ended', data));
      // A call that began ringing before this page listened (it just loaded): ask for it.
      channel.bind('pusher:subscription_succeeded', () => onCall?.('call.sync', null));
      channel.bind('cobrowse.changed', () => onCobrowse?.());
      channel.bind('agent.typing', (data: { typing?: boolean; name?: string } | null) => {
        clearTimeout(agentTypingTimer);
        if (data?.typing === false) return setAgentTyping(null);
        setAgentTyping(data?.name ?? shopName);
        agentTypingTimer = setTimeout(() => setAgentTyping(null), AGENT_TYPING_TIMEOUT_MS);
      });
      pusher.connection.bind('state_change', (states: { previous: string; current: string }) => {
        // Back after a network drop: fetch what was published meanwhile.
        if (states.current === 'connected' && states.previous === 'connecting') catchUp();
      });
      stop = () => {
        clearTimeout(agentTypingTimer);
        pusher.disconnect();
      };
    }).catch(() => {
      // The realtime client did not load (network): the chat still works, replies show on the next send or reload.
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [visitor, realtime, api, refresh, shopName, setAgentTyping, onResolved, onCall, onCobrowse]);
}

/**
 * The live updates as a part of the chat that draws nothing: mounted once there is a visitor,
 * so its code (like pusher-js) is not in a new visitor's first open.
 */
export function VisitorChannel(props: Parameters<typeof useVisitorChannel>[0]) {
  useVisitorChannel(props);
  return null;
}
