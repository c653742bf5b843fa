'use client';

import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { WidgetMessageView } from '@/lib/widget/types';
import type { PendingMessage } from './message-bubble';

/**
 * The message list's scroll position: it follows the newest message while the visitor is
 * at the bottom (or has just sent one), and stays on what they were reading when older
 * messages are added above.
 */
/** What changes the list's height: the messages, the pending ones, the typing line, opening. */
type ListContent = { messages: WidgetMessageView[]; pending: PendingMessage[]; agentTyping: string | null; open: boolean };

export function useScrollAnchor(listRef: RefObject<HTMLDivElement | null>, { messages, pending, agentTyping, open }: ListContent) {
  const stickToBottom = useRef(true);
  const keepOffset = useRef<number | null>(null);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (keepOffset.current !== null) {
      list.scrollTop = list.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) {
      list.scrollTop = list.scrollHeight;
    }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- listRef is a ref: stable
  }, [messages, pending, agentTyping, open]);

  return {
    /** Follow the newest message again (the visitor sent one). */
    stick: () => {
      stickToBottom.current = true;
    },
    /** Keep the visitor's place while older messages are added above. */
    keepPosition: () => {
      keepOffset.current = listRef.current ? listRef.current.scrollHeight - listRef.current.scrollTop : null;
    },
    onScroll: (e: React.UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    },
  };
}
