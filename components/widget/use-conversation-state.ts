'use client';

import { useCallback, useRef, useState } from 'react';
import type { FlowFormView } from '@/lib/widget/forms/views';
import type { WidgetMessageView } from '@/lib/widget/types';
import type { PendingMessage } from './message-bubble';

export type Phase = 'starting' | 'idle' | 'loading' | 'ready' | 'error';

// Messages written together (a bot's turn) share createdAt; seq is the order they were written in.
const byTime = (a: WidgetMessageView, b: WidgetMessageView) =>
  a.createdAt === b.createdAt ? a.seq - b.seq : a.createdAt < b.createdAt ? -1 : 1;

/**
 * What the widget shows: the conversation's messages (sorted, each once), the visitor's
 * messages still on their way, how far back the history is loaded, who is typing, what the
 * visitor has seen, and whether the chat is starting, loading, ready or failed.
 */
export function useConversationState() {
  const [phase, setPhase] = useState<Phase>('starting');
  const [problem, setProblem] = useState<string | null>(null);
  const [messages, setMessages] = useState<WidgetMessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  /** The newest reply the visitor has had in front of them (ISO time; '' = none). */
  const [seenUpTo, setSeenUpTo] = useState('');
  /** The form the visitor's bot flow waits on (from the newest history page). */
  const [flowForm, setFlowForm] = useState<FlowFormView | null>(null);
  /** Older pages were loaded: a refresh must not move the cursor back to the newest page. */
  const olderLoaded = useRef(false);

  /** Messages from the server: added or replaced by id; the pending ones they confirm go. */
  const merge = useCallback((incoming: WidgetMessageView[]) => {
    if (incoming.length === 0) return;
    setMessages((prev) => {
      const byId = new Map(prev.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      return [...byId.values()].sort(byTime);
    });
    const sent = new Set(incoming.flatMap((m) => (m.clientId ? [m.clientId] : [])));
    setPending((prev) => {
      for (const p of prev) if (sent.has(p.clientId) && p.previewUrl) URL.revokeObjectURL(p.previewUrl);
      return prev.filter((p) => !sent.has(p.clientId));
    });
    if (incoming.some((m) => m.from !== 'visitor')) setAgentTyping(null);
  }, []);

  /** Another visitor (or none): nothing of the previous conversation stays; `pending` too when forgotten. */
  const clear = useCallback((options: { pending: boolean }) => {
    olderLoaded.current = false;
    setSeenUpTo('');
    setMessages([]);
    setOlderCursor(null);
    setFlowForm(null);
    if (options.pending) setPending([]);
  }, []);

  /** Shows a failure with its message (or the fallback). */
  const fail = useCallback((error: unknown, fallback: string) => {
    setPhase('error');
    setProblem(error instanceof Error ? error.message : fallback);
  }, []);

  return {
    phase,
    setPhase,
    problem,
    setProblem,
    fail,
    messages,
    setMessages,
    pending,
    setPending,
    olderCursor,
    setOlderCursor,
    olderLoaded,
    agentTyping,
    setAgentTyping,
    seenUpTo,
    setSeenUpTo,
    flowForm,
    setFlowForm,
    merge,
    clear,
  };
}

export type ConversationState = ReturnType<typeof useConversationState>;
