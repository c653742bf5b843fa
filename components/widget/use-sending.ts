'use client';

import { useCallback, useRef } from 'react';
import { WidgetApiError } from './api';
import type { Choice, PendingMessage } from './message-bubble';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

const TYPING_SEND_INTERVAL_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The visitor's messages: shown at once as pending, sent with a client id (so a retry
 * never doubles one), confirmed by the server's copy, or marked failed with a retry. The
 * shop sees "typing…" while the visitor types (at most every 3 s, stopped after 4 s idle).
 */
export function useSending({ session, state, onQueued }: { session: VisitorSession; state: ConversationState; onQueued(): void }) {
  const { api, visitorRef, withSession } = session;
  const { merge, setPending, setPhase } = state;
  const typingState = useRef({ sentAt: 0, idle: 0 as ReturnType<typeof setTimeout> | 0 });

  const deliver = useCallback(
    async (p: PendingMessage) => {
      setPending((prev) => prev.map((x) => (x.clientId === p.clientId ? { ...x, state: 'sending', error: undefined } : x)));
      try {
        let identityId: string | undefined;
        const { message } = await withSession(() => {
          identityId = visitorRef.current?.identityId;
          return p.file
            ? api.sendFile({ clientId: p.clientId, file: p.file })
            : api.sendText({ clientId: p.clientId, text: p.text ?? '', ...(p.payload ? { payload: p.payload } : {}) });
        });
        if (visitorRef.current?.identityId !== identityId) return;
        merge([message]);
        setPhase((phase) => (phase === 'idle' ? 'ready' : phase));
      } catch (error) {
        const reason = error instanceof WidgetApiError && error.status !== 0 && error.status < 500 ? error.message : undefined;
        setPending((prev) => prev.map((x) => (x.clientId === p.clientId ? { ...x, state: 'failed', error: reason } : x)));
      }
    },
    [api, merge, withSession, visitorRef, setPending, setPhase],
  );

  const queue = (p: Omit<PendingMessage, 'clientId' | 'state' | 'createdAt'>) => {
    const message: PendingMessage = { ...p, clientId: newClientId(), state: 'sending', createdAt: new Date().toISOString() };
    onQueued();
    setPending((prev) => [...prev, message]);
    void deliver(message);
  };

  const stopTyping = () => {
    clearTimeout(typingState.current.idle);
    if (typingState.current.sentAt) {
      typingState.current.sentAt = 0;
      api.typing(false).catch(() => {});
    }
  };

  const onTyping = () => {
    if (!visitorRef.current) return;
    const now = Date.now();
    if (now - typingState.current.sentAt > TYPING_SEND_INTERVAL_MS) {
      typingState.current.sentAt = now;
      api.typing(true).catch(() => {});
    }
    clearTimeout(typingState.current.idle);
    typingState.current.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  return {
    deliver,
    onTyping,
    sendText: (text: string) => {
      stopTyping();
      queue({ text });
    },
    sendChoice: (choice: Choice) => queue({ text: choice.title, payload: choice.payload }),
    sendFile: (file: File) => queue({ text: null, file, previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined }),
  };
}
