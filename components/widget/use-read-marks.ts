'use client';

import { useEffect } from 'react';
import type { WidgetApi } from './api';
import { postToParent } from './bridge';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * Unread, delivered and read. What the visitor has seen is known here (the chat was open
 * and the tab visible), so the launcher's count follows it at once; the server is told
 * after a short pause, and the shop's replies show "Seen" once it has been.
 */
export function useReadMarks({
  api,
  session,
  state,
  open,
  visible,
  parentOrigin,
}: {
  api: WidgetApi;
  session: VisitorSession;
  state: ConversationState;
  open: boolean;
  visible: boolean;
  parentOrigin: string | null;
}) {
  const { visitorRef } = session;
  const { messages, setMessages, seenUpTo, setSeenUpTo } = state;
  const replies = messages.filter((m) => m.from !== 'visitor');
  const latestReplyAt = replies.length ? replies[replies.length - 1].createdAt : '';
  const unread = replies.filter((m) => m.status !== 'read' && m.createdAt > seenUpTo);
  const toMarkRead = replies.filter((m) => m.status !== 'read' && m.createdAt <= seenUpTo);
  const toMarkDelivered = unread.filter((m) => m.status === 'sent');

  useEffect(() => {
    if (open && visible && latestReplyAt > seenUpTo) setSeenUpTo(latestReplyAt);
  }, [open, visible, latestReplyAt, seenUpTo, setSeenUpTo]);

  useEffect(() => {
    postToParent({ type: 'unread', count: open ? 0 : unread.length }, parentOrigin);
  }, [open, unread.length, parentOrigin]);

  const markKey = `${toMarkRead.map((m) => m.id).join(',')}|${toMarkDelivered.map((m) => m.id).join(',')}`;
  useEffect(() => {
    if (!visitorRef.current || (toMarkRead.length === 0 && toMarkDelivered.length === 0)) return;
    const identityId = visitorRef.current.identityId;
    const marks = [
      ...(toMarkRead.length ? [{ status: 'read' as const, ids: new Set(toMarkRead.map((m) => m.id)), upTo: seenUpTo }] : []),
      ...(toMarkDelivered.length
        ? [{ status: 'delivered' as const, ids: new Set(toMarkDelivered.map((m) => m.id)), upTo: toMarkDelivered[toMarkDelivered.length - 1].createdAt }]
        : []),
    ];
    const timer = setTimeout(() => {
      for (const mark of marks) {
        api
          .markRead(mark.status, mark.upTo)
          .then(() => {
            if (visitorRef.current?.identityId !== identityId) return;
            setMessages((prev) => prev.map((m) => (mark.ids.has(m.id) && m.status !== 'read' ? { ...m, status: mark.status } : m)));
          })
          .catch(() => {});
      }
    }, 1000);
    return () => clearTimeout(timer);
    // markKey stands for the two lists (new arrays each render).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- markKey stands for the two lists (new arrays each render)
  }, [markKey, api]);
}

/**
 * The read marks as a part of the chat that draws nothing, mounted while the conversation
 * has messages (a new visitor's first open has none, so it does not download this). Leaving
 * (the visitor reset) clears the launcher's count.
 */
export function ReadMarks(props: Parameters<typeof useReadMarks>[0]) {
  useReadMarks(props);
  const { parentOrigin } = props;
  useEffect(() => () => postToParent({ type: 'unread', count: 0 }, parentOrigin), [parentOrigin]);
  return null;
}
