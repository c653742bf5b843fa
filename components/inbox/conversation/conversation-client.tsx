'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { loadHistoryAction, loadMessagesAction } from '@/app/w/[slug]/inbox/conversation-actions';
import type { ComposerVariables } from '@/lib/composer/variables';
import type { MessageExtras } from '@/lib/inbox/history-content';
import type { Attachment } from '@/db/schema/messages';
import type { ConversationView, HistoryConversation, HistoryMessage } from '@/lib/inbox/history';
import { CobrowseControl } from '../cobrowse/cobrowse-control';
import { Composer } from '../composer/composer';
import { useConversationLive } from '../conversation-live';
import { MessageList } from '../message-list';
import { isMessageSummary, mergeMessages, messageFromSummary, patchMessage, senderNames } from './history-state';
import { useConversationPresence } from './use-presence';

const NEAR_BOTTOM_PX = 48;
const LOAD_OLDER_PX = 200;
const VISITOR_TYPING_TTL_MS = 6_000;

type Previous = { messages: HistoryMessage[]; cursor: string | null; done: boolean; conversations: Record<string, HistoryConversation> };

/**
 * The open conversation, live: the history (older pages on scroll, the customer's earlier
 * conversations on demand), new messages and delivery changes appended and patched from
 * realtime events, who else is viewing or typing, and the composer.
 */
// Long: history paging, live patches by version, scroll anchoring and presence share one conversation's state; the next to split into hooks, as the composer was.
export function ConversationClient({
  workspaceId,
  conversation,
  me,
  variables,
}: {
  workspaceId: string;
  conversation: ConversationView;
  me: { id: string; name: string };
  variables: ComposerVariables;
}) {
  const router = useRouter();
  const [messages, setMessages] = useState<HistoryMessage[]>(conversation.messages);
  const [olderCursor, setOlderCursor] = useState<string | null>(conversation.olderCursor);
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [loading, setLoading] = useState<'older' | 'previous' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const version = useRef(conversation.version);

  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const stick = useRef(false);
  const lastId = useRef<string | null>(conversation.messages.at(-1)?.id ?? null);
  const visitorTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // A new server snapshot (router refresh, reconnect): merge it, keeping older pages and live patches.
  useEffect(() => {
    if (conversation.version >= version.current) version.current = conversation.version;
    setMessages((list) => mergeMessages(list, conversation.messages));
  }, [conversation.messages, conversation.version]);

  const names = useMemo(() => senderNames([...(previous?.messages ?? []), ...messages], me), [messages, previous, me]);
  const namesRef = useRef(names);
  namesRef.current = names;

  const fetchFull = useCallback(
    async (ids: string[]) => {
      const result = await loadMessagesAction({ workspaceId, conversationId: conversation.id, ids });
      if (result.ok) setMessages((list) => mergeMessages(list, result.data));
    },
    [workspaceId, conversation.id],
  );

  // ---------- live ----------

  const connection = useConversationLive(workspaceId, conversation.id, {
    onCreated(data) {
      const payload = data as { version?: number; message?: unknown } | null;
      if (!payload || !isMessageSummary(payload.message) || payload.message.conversationId !== conversation.id) return;
      if (typeof payload.version === 'number') version.current = Math.max(version.current, payload.version);
      const { message, needsFetch } = messageFromSummary(payload.message, namesRef.current);
      setMessages((list) => (list.some((m) => m.id === message.id) ? list : mergeMessages(list, [message])));
      if (needsFetch) void fetchFull([message.id]);
      if (message.senderKind === 'customer') {
        setVisitorTyping(false);
        // The reply window may have just opened: refresh the composer's state.
        if (conversation.replyWindow.state !== 'open') router.refresh();
      }
    },
    onUpdated(data) {
      const m = (data as { message?: { id?: unknown; status?: unknown; error?: unknown; extras?: unknown; attachments?: unknown } } | null)?.message;
      if (!m || typeof m.id !== 'string' || typeof m.status !== 'string') return;
      const extras = m.extras === undefined ? undefined : m.extras && typeof m.extras === 'object' ? (m.extras as MessageExtras) : null;
      const attachments = Array.isArray(m.attachments) ? (m.attachments as Attachment[]) : undefined;
      setMessages((list) => patchMessage(list, { id: m.id as string, status: m.status as string, error: typeof m.error === 'string' ? m.error : null, extras, ...(attachments ? { attachments } : {}) }));
    },
    onVisitorTyping(data) {
      const typing = Boolean((data as { typing?: unknown } | null)?.typing);
      clearTimeout(visitorTimer.current);
      setVisitorTyping(typing);
      if (typing) visitorTimer.current = setTimeout(() => setVisitorTyping(false), VISITOR_TYPING_TTL_MS);
    },
    onReconnected() {
      router.refresh();
    },
  });
  useEffect(() => () => clearTimeout(visitorTimer.current), []);

  const { viewers, typers, setTyping } = useConversationPresence(conversation.id);

  // ---------- scrolling ----------

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
  }, []);

  useLayoutEffect(() => {
    scrollToBottom();
  }, [scrollToBottom]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Older messages were put above: keep what the agent was reading where it was.
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      return;
    }
    const newest = messages.at(-1);
    if (!newest || newest.id === lastId.current) return;
    lastId.current = newest.id;
    if (atBottom.current || stick.current || newest.senderUserId === me.id) {
      stick.current = false;
      scrollToBottom();
    } else {
      setUnseen((n) => n + 1);
    }
  }, [messages, previous, me.id, scrollToBottom]);

  // Images and videos load after the text: stay at the bottom if the agent was there.
  useEffect(() => {
    const el = content.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      // The observer can still fire after the conversation unmounted (switching quickly):
      // the scroller is gone then.
      const scrollerEl = scroller.current;
      if (scrollerEl && atBottom.current && !anchor.current) scrollerEl.scrollTop = scrollerEl.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const keepPosition = () => {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
  };

  const loadOlder = useCallback(async () => {
    if (!olderCursor || loading) return;
    setLoading('older');
    setLoadError(null);
    const result = await loadHistoryAction({ workspaceId, conversationId: conversation.id, scope: 'current', before: olderCursor });
    if (result.ok) {
      keepPosition();
      setMessages((list) => mergeMessages(list, result.data.messages));
      setOlderCursor(result.data.olderCursor);
    } else setLoadError(result.error);
    setLoading(null);
  }, [olderCursor, loading, workspaceId, conversation.id]);

  const loadPrevious = useCallback(async () => {
    if (loading || previous?.done) return;
    setLoading('previous');
    setLoadError(null);
    const result = await loadHistoryAction({ workspaceId, conversationId: conversation.id, scope: 'previous', before: previous?.cursor ?? undefined });
    if (result.ok) {
      keepPosition();
      setPrevious((p) => ({
        messages: mergeMessages(p?.messages ?? [], result.data.messages),
        cursor: result.data.olderCursor,
        done: result.data.olderCursor === null,
        conversations: { ...(p?.conversations ?? {}), ...Object.fromEntries(result.data.conversations.map((c) => [c.id, c])) },
      }));
    } else setLoadError(result.error);
    setLoading(null);
  }, [loading, previous, workspaceId, conversation.id]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current && unseen) setUnseen(0);
    if (el.scrollTop < LOAD_OLDER_PX && olderCursor && !loading) void loadOlder();
  };

  const canLoadPrevious = !olderCursor && conversation.previousConversations > 0 && !previous?.done;
  const othersTyping = typers.filter((t) => t.id !== me.id);

  return (
    <>
      <div className="flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-1.5 text-xs text-slate-600">
        {viewers.length > 0 ? (
          <div className="flex items-center gap-1" data-testid="conversation-viewers" aria-label="Also viewing this conversation">
            <span>Also here:</span>
            {viewers.map((v) => (
              <span key={v.id} title={`${v.name} is viewing`} className="rounded-full bg-violet-100 px-2 py-0.5 font-medium text-violet-800">
                {v.name}
              </span>
            ))}
          </div>
        ) : (
          <span className="text-slate-400">Only you are viewing</span>
        )}
        {connection !== 'connected' && (
          <span role="status" className="ml-auto rounded bg-amber-100 px-2 py-0.5 text-amber-800">
            {connection === 'reconnecting' ? 'Reconnecting…' : 'Offline: updates paused'}
          </span>
        )}
      </div>
      <div className="relative flex min-h-0 flex-1 flex-col">
        <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]" data-testid="conversation-scroller">
          <div ref={content}>
            <div className="px-4 pt-3 text-center text-xs text-slate-500">
              {olderCursor ? (
                <button type="button" onClick={() => void loadOlder()} disabled={loading !== null} className="rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
                  {loading === 'older' ? 'Loading older messages…' : 'Load older messages'}
                </button>
              ) : canLoadPrevious ? (
                <button type="button" onClick={() => void loadPrevious()} disabled={loading !== null} className="rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
                  {loading === 'previous' ? 'Loading…' : previous ? 'Load earlier messages' : 'Load previous conversations'}
                </button>
              ) : (
                <span>{previous ? 'The start of this customer’s history' : 'The start of this conversation'}</span>
              )}
              {loadError && (
                <p role="alert" className="mt-1 text-red-700">
                  {loadError}
                </p>
              )}
            </div>
            {previous && previous.messages.length > 0 && (
              <MessageList
                messages={previous.messages}
                contactName={conversation.contact.name}
                workspaceId={workspaceId}
                label="Previous conversations"
                conversations={previous.conversations}
              />
            )}
            {previous && (
              <p className="my-2 flex items-center gap-2 px-4 text-xs font-medium text-slate-500">
                <span className="h-px flex-1 bg-brand-100" /> This conversation <span className="h-px flex-1 bg-brand-100" />
              </p>
            )}
            <MessageList messages={messages} contactName={conversation.contact.name} workspaceId={workspaceId} />
            <div className="min-h-6 px-4 pb-2 text-xs italic text-slate-500" aria-live="polite" data-testid="typing-indicator">
              {visitorTyping && <p>Customer is typing…</p>}
              {othersTyping.map((t) => (
                <p key={t.id}>
                  {t.name} is {t.note ? 'writing a note' : 'typing'}…
                </p>
              ))}
            </div>
          </div>
        </div>
        {unseen > 0 && (
          <button
            type="button"
            onClick={scrollToBottom}
            className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-brand-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-brand-700"
          >
            New messages ↓
          </button>
        )}
      </div>
      <Composer
        workspaceId={workspaceId}
        conversationId={conversation.id}
        window={conversation.replyWindow}
        channelKind={conversation.channel.kind}
        outboundKinds={conversation.rules.outboundKinds}
        maxTextLength={conversation.rules.maxTextLength}
        audio={conversation.rules.audio}
        variables={variables}
        onSent={() => {
          stick.current = true;
          scrollToBottom();
        }}
        onTyping={setTyping}
        tools={conversation.channel.kind === 'web' ? <CobrowseControl workspaceId={workspaceId} conversationId={conversation.id} /> : null}
      />
    </>
  );
}
