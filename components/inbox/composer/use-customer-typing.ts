'use client';

import { useCallback, useEffect, useRef } from 'react';
import { agentTypingAction } from '@/app/w/[slug]/inbox/conversation-actions';

const REFRESH_MS = 3_000;
const IDLE_MS = 5_000;

/**
 * "Agent is typing…" for the customer, on channels that can show it: told at most every
 * 3 s while the agent types, and stopped after 5 s idle, on a note, on send and on leaving.
 */
export function useCustomerTyping({
  workspaceId,
  conversationId,
  customerSees,
  note,
}: {
  workspaceId: string;
  conversationId: string;
  /** The channel shows it and the reply window is open (never for a note). */
  customerSees: boolean;
  note: boolean;
}) {
  const state = useRef<{ on: boolean; at: number; idle?: ReturnType<typeof setTimeout> }>({ on: false, at: 0 });

  const stop = useCallback(() => {
    const t = state.current;
    clearTimeout(t.idle);
    if (!t.on) return;
    t.on = false;
    void agentTypingAction({ workspaceId, conversationId, typing: false });
  }, [workspaceId, conversationId]);

  /** The text changed: typing while it has text, stopped when it is empty. */
  const typed = (value: string) => {
    if (!customerSees || !value.trim()) return stop();
    const t = state.current;
    const now = Date.now();
    if (!t.on || now - t.at >= REFRESH_MS) {
      t.on = true;
      t.at = now;
      void agentTypingAction({ workspaceId, conversationId, typing: true });
    }
    clearTimeout(t.idle);
    t.idle = setTimeout(stop, IDLE_MS);
  };

  useEffect(() => () => stop(), [stop]);
  useEffect(() => {
    if (note) stop();
  }, [note, stop]);

  return { typed, stop };
}
