'use client';

import { useEffect, useState, type RefObject } from 'react';
import { isFramed, listenToParent, postToParent } from './bridge';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * The widget and the shop's page around it (public/widget.js): opened and closed from the
 * launcher, Escape closes it, the page may sign its customer in or out. Standalone (not in
 * a frame) the chat is simply open. Also follows whether the tab is visible.
 */
export function useParentPage({
  parentOrigin,
  session,
  state,
  listRef,
  inputRef,
}: {
  parentOrigin: string | null;
  session: VisitorSession;
  state: ConversationState;
  listRef: RefObject<HTMLElement | null>;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const [framed, setFramed] = useState(true);
  const [open, setOpen] = useState(false);
  const [visible, setVisible] = useState(true);
  const { identify, reset } = session;
  const { setPhase, setProblem } = state;

  useEffect(() => {
    const framedNow = isFramed();
    setFramed(framedNow);
    setOpen(!framedNow);
    postToParent({ type: 'ready' }, parentOrigin);
  }, [parentOrigin]);

  useEffect(
    () =>
      listenToParent(parentOrigin, (message) => {
        switch (message.type) {
          case 'open':
            setOpen(true);
            // Into the chat, as a dialog should. On touch screens the list, not the composer,
            // so the keyboard does not cover the conversation before the visitor asks for it.
            setTimeout(() => {
              window.focus();
              const coarse = window.matchMedia?.('(pointer: coarse)').matches;
              (coarse ? listRef.current : inputRef.current)?.focus({ preventScroll: true });
            }, 50);
            break;
          case 'close':
            setOpen(false);
            break;
          case 'reset':
            reset();
            setPhase('idle');
            break;
          case 'identify': {
            const identity = message.identity;
            if (!identity || typeof identity.identifier !== 'string' || typeof identity.hash !== 'string') return;
            identify(identity).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
            break;
          }
        }
      }),
    [parentOrigin, reset, identify, setPhase, setProblem, listRef, inputRef],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && isFramed()) postToParent({ type: 'close' }, parentOrigin);
    };
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    window.addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [parentOrigin]);

  return { framed, open, visible };
}
