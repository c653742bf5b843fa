'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPusherClient } from '@/components/realtime/pusher-client';
import type { RealtimeClientConfig } from '@/lib/config';
import type { WidgetConfig, WidgetMessageView, WidgetVisitorView } from '@/lib/widget/types';
import { widgetApi, WidgetApiError, type Identity } from './api';
import { isFramed, listenToParent, postToParent } from './bridge';
import { Composer } from './composer';
import { MessageBubble, PendingBubble, type Choice, type PendingMessage } from './message-bubble';

type Phase = 'starting' | 'idle' | 'loading' | 'ready' | 'error';

function storage(key: string) {
  // Third-party iframes may have no storage (blocked cookies, private modes): the chat still
  // works for this page view, it just cannot be resumed after a reload.
  return {
    read: () => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    write: (value: string | null) => {
      try {
        if (value) window.localStorage.setItem(key, value);
        else window.localStorage.removeItem(key);
      } catch {
        // ignore: see above
      }
    },
  };
}

function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const byTime = (a: WidgetMessageView, b: WidgetMessageView) =>
  a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1;

const TYPING_SEND_INTERVAL_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const AGENT_TYPING_TIMEOUT_MS = 6_000;

/**
 * The chat inside the widget iframe (or standalone at /widget/{token}). Keeps the visitor's
 * token in localStorage, loads the history, sends messages idempotently, and listens on
 * private-visitor-{identityId} for replies and typing.
 */
export function WidgetApp({
  config,
  realtime,
  parentOrigin,
}: {
  config: WidgetConfig;
  realtime: RealtimeClientConfig;
  parentOrigin: string | null;
}) {
  const store = useMemo(() => storage(`baton:visitor:${config.token}`), [config.token]);
  const tokenRef = useRef<string | null>(null);
  const api = useMemo(() => widgetApi(config.token, () => tokenRef.current), [config.token]);

  const [framed, setFramed] = useState(true);
  const [open, setOpen] = useState(false);
  const [visible, setVisible] = useState(true);
  const [phase, setPhase] = useState<Phase>('starting');
  const [problem, setProblem] = useState<string | null>(null);
  const [visitor, setVisitor] = useState<WidgetVisitorView | null>(null);
  const [messages, setMessages] = useState<WidgetMessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  /** The newest reply the visitor has had in front of them (ISO time; '' = none). */
  const [seenUpTo, setSeenUpTo] = useState('');

  const visitorRef = useRef<WidgetVisitorView | null>(null);
  const sessionPromise = useRef<Promise<WidgetVisitorView> | null>(null);
  const identityRef = useRef<Identity | null>(null);
  const olderLoaded = useRef(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffset = useRef<number | null>(null);
  const typingState = useRef({ sentAt: 0, idle: 0 as ReturnType<typeof setTimeout> | 0 });

  // ---------- session ----------

  const applySession = useCallback(
    (token: string, next: WidgetVisitorView) => {
      tokenRef.current = token;
      store.write(token);
      if (visitorRef.current?.identityId !== next.identityId) {
        olderLoaded.current = false;
        setSeenUpTo('');
        setMessages([]);
        setOlderCursor(null);
      }
      visitorRef.current = next;
      setVisitor(next);
      return next;
    },
    [store],
  );

  const startSession = useCallback(
    async (identity: Identity | null): Promise<WidgetVisitorView> => {
      try {
        const result = await api.session(identity ?? undefined);
        return applySession(result.visitorToken, result.visitor);
      } catch (error) {
        if (identity && error instanceof WidgetApiError && error.code.startsWith('identity_')) {
          // A wrong hash must not lock the visitor out: tell the shop's page, chat anonymously.
          console.warn(`[Baton] identify refused: ${error.message}`);
          postToParent({ type: 'identity-error', error: error.message }, parentOrigin);
          identityRef.current = null;
          return startSession(null);
        }
        throw error;
      }
    },
    [api, applySession, parentOrigin],
  );

  const ensureSession = useCallback((): Promise<WidgetVisitorView> => {
    if (visitorRef.current) return Promise.resolve(visitorRef.current);
    sessionPromise.current ??= startSession(identityRef.current).finally(() => {
      sessionPromise.current = null;
    });
    return sessionPromise.current;
  }, [startSession]);

  const forgetVisitor = useCallback(() => {
    tokenRef.current = null;
    visitorRef.current = null;
    store.write(null);
    setVisitor(null);
    setMessages([]);
    setPending([]);
    setOlderCursor(null);
    setSeenUpTo('');
    olderLoaded.current = false;
  }, [store]);

  /** Runs a call that needs a visitor; a token the server no longer accepts is replaced once. */
  const withSession = useCallback(
    async <T,>(call: () => Promise<T>): Promise<T> => {
      await ensureSession();
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof WidgetApiError) || error.status !== 401) throw error;
        forgetVisitor();
        await ensureSession();
        return call();
      }
    },
    [ensureSession, forgetVisitor],
  );

  // ---------- history ----------

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

  /** Whether the visitor is still the one a request was made for (not reset or switched meanwhile). */
  const stillVisitor = (identityId: string | undefined) => Boolean(identityId) && visitorRef.current?.identityId === identityId;

  const refresh = useCallback(async () => {
    const identityId = visitorRef.current?.identityId;
    if (!identityId) return;
    const page = await withSession(() => api.history());
    if (visitorRef.current?.identityId !== identityId) return;
    merge(page.messages);
    if (!olderLoaded.current) setOlderCursor(page.olderCursor);
  }, [api, merge, withSession]);

  const loadOlder = async () => {
    if (!olderCursor || loadingOlder) return;
    setLoadingOlder(true);
    const identityId = visitorRef.current?.identityId;
    try {
      const page = await withSession(() => api.history(olderCursor));
      if (!stillVisitor(identityId)) return;
      olderLoaded.current = true;
      keepOffset.current = listRef.current ? listRef.current.scrollHeight - listRef.current.scrollTop : null;
      merge(page.messages);
      setOlderCursor(page.olderCursor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Could not load earlier messages.');
    } finally {
      setLoadingOlder(false);
    }
  };

  // A returning visitor (token in storage) is resumed at once, so replies that came while
  // away show as unread on the launcher; a new visitor gets a session with the first message.
  useEffect(() => {
    const framedNow = isFramed();
    setFramed(framedNow);
    setOpen(!framedNow);
    const saved = store.read();
    if (saved) {
      tokenRef.current = saved;
      setPhase('loading');
      ensureSession().catch((error: unknown) => {
        setPhase('error');
        setProblem(error instanceof Error ? error.message : 'The chat could not start.');
      });
    } else {
      setPhase('idle');
    }
    postToParent({ type: 'ready' }, parentOrigin);
  }, [store, ensureSession, parentOrigin]);

  useEffect(() => {
    if (!visitor) return;
    let cancelled = false;
    setPhase((p) => (p === 'ready' ? p : 'loading'));
    refresh()
      .then(() => !cancelled && setPhase('ready'))
      .catch((error: unknown) => {
        if (cancelled) return;
        setPhase('error');
        setProblem(error instanceof Error ? error.message : 'The conversation could not be loaded.');
      });
    return () => {
      cancelled = true;
    };
    // Reload only when the visitor changes (refresh itself is stable).
  }, [visitor?.identityId]);

  // ---------- realtime ----------

  useEffect(() => {
    if (!visitor) return;
    const pusher = createPusherClient(realtime, { authorize: api.authorizeRealtime });
    let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
    const channel = pusher.subscribe(`private-visitor-${visitor.identityId}`);
    const catchUp = () => void refresh().catch(() => {});
    channel.bind('message.created', catchUp);
    channel.bind('pusher:subscription_succeeded', catchUp);
    channel.bind('agent.typing', (data: { typing?: boolean; name?: string } | null) => {
      clearTimeout(agentTypingTimer);
      if (data?.typing === false) return setAgentTyping(null);
      setAgentTyping(data?.name ?? config.title);
      agentTypingTimer = setTimeout(() => setAgentTyping(null), AGENT_TYPING_TIMEOUT_MS);
    });
    pusher.connection.bind('state_change', (states: { previous: string; current: string }) => {
      // Back after a network drop: fetch what was published meanwhile.
      if (states.current === 'connected' && states.previous === 'connecting') catchUp();
    });
    return () => {
      clearTimeout(agentTypingTimer);
      pusher.disconnect();
    };
  }, [visitor, realtime, api, refresh, config.title]);

  // ---------- the loader on the shop's page ----------

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
            identityRef.current = null;
            forgetVisitor();
            setPhase('idle');
            break;
          case 'identify': {
            const identity = message.identity;
            if (!identity || typeof identity.identifier !== 'string' || typeof identity.hash !== 'string') return;
            identityRef.current = identity;
            const previous = sessionPromise.current ?? Promise.resolve(null);
            sessionPromise.current = previous
              .catch(() => null)
              .then(() => startSession(identity))
              .finally(() => {
                sessionPromise.current = null;
              });
            sessionPromise.current.catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
            break;
          }
        }
      }),
    [parentOrigin, forgetVisitor, startSession],
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

  // ---------- unread, delivered, read ----------

  // What the visitor has seen is known here (the chat was open and the tab visible), so the
  // launcher's count follows it at once; the server is told after a short pause.
  const replies = messages.filter((m) => m.from !== 'visitor');
  const latestReplyAt = replies.length ? replies[replies.length - 1].createdAt : '';
  const unread = replies.filter((m) => m.status !== 'read' && m.createdAt > seenUpTo);
  const toMarkRead = replies.filter((m) => m.status !== 'read' && m.createdAt <= seenUpTo);
  const toMarkDelivered = unread.filter((m) => m.status === 'sent');

  useEffect(() => {
    if (open && visible && latestReplyAt > seenUpTo) setSeenUpTo(latestReplyAt);
  }, [open, visible, latestReplyAt, seenUpTo]);

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
  }, [markKey, api]);

  // ---------- sending ----------

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
    [api, merge, withSession],
  );

  const queue = (p: Omit<PendingMessage, 'clientId' | 'state' | 'createdAt'>) => {
    const message: PendingMessage = { ...p, clientId: newClientId(), state: 'sending', createdAt: new Date().toISOString() };
    stickToBottom.current = true;
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

  const sendText = (text: string) => {
    stopTyping();
    queue({ text });
  };
  const sendChoice = (choice: Choice) => queue({ text: choice.title, payload: choice.payload });
  const sendFile = (file: File) =>
    queue({ text: null, file, previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined });

  // ---------- scrolling ----------

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (keepOffset.current !== null) {
      list.scrollTop = list.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) {
      list.scrollTop = list.scrollHeight;
    }
  }, [messages, pending, agentTyping, open]);

  const last = messages[messages.length - 1];
  const quickReplies = last && last.from !== 'visitor' && pending.length === 0 ? last.quickReplies : [];
  const loading = phase === 'starting' || phase === 'loading';

  return (
    <div className="flex h-dvh min-w-0 flex-col bg-slate-50 text-slate-900" data-testid="baton-widget">
      <header className="flex shrink-0 items-center gap-3 px-4 py-3 shadow-sm" style={{ background: config.color, color: config.textColor }}>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold">{config.title}</h1>
          {visitor?.verified && <p className="truncate text-xs opacity-80">Signed in as {visitor.name}</p>}
        </div>
        {framed && (
          <button
            type="button"
            aria-label="Close chat"
            onClick={() => postToParent({ type: 'close' }, parentOrigin)}
            className="flex h-9 w-9 items-center justify-center rounded-full hover:bg-black/10"
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        )}
      </header>

      <div
        ref={listRef}
        tabIndex={-1}
        className="min-h-0 flex-1 overflow-y-auto px-3 py-4 focus:outline-none"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        {olderCursor && (
          <div className="mb-3 text-center">
            <button type="button" onClick={loadOlder} disabled={loadingOlder} className="rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow-sm">
              {loadingOlder ? 'Loading…' : 'Load earlier messages'}
            </button>
          </div>
        )}
        <ol role="log" aria-live="polite" aria-label="Messages" className="flex flex-col gap-3">
          <li className="flex flex-col items-start" data-testid="widget-greeting">
            <span className="mb-0.5 px-1 text-xs text-slate-500">{config.title}</span>
            <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-white px-3 py-2 text-sm shadow-sm">
              {config.greeting}
            </div>
          </li>
          {messages.map((m) => (
            <MessageBubble key={m.id} message={m} config={config} onChoice={sendChoice} />
          ))}
          {pending.map((p) => (
            <PendingBubble key={p.clientId} message={p} config={config} onRetry={() => void deliver(p)} />
          ))}
        </ol>
        {loading && (
          <p role="status" className="mt-4 flex items-center justify-center gap-2 text-sm text-slate-500">
            <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" aria-hidden="true" />
            Loading your conversation…
          </p>
        )}
        {phase === 'idle' && messages.length === 0 && pending.length === 0 && (
          <p className="mt-4 text-center text-xs text-slate-500">Send us a message: we reply right here.</p>
        )}
        {agentTyping && (
          <p className="mt-3 flex items-center gap-2 px-1 text-xs text-slate-500" role="status" data-testid="agent-typing">
            <span className="flex gap-0.5" aria-hidden="true">
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400" />
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:150ms]" />
              <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:300ms]" />
            </span>
            {agentTyping} is typing…
          </p>
        )}
      </div>

      {phase === 'error' && (
        <div role="alert" className="flex items-center gap-2 border-t border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <span className="min-w-0 flex-1">{problem ?? 'The chat could not load.'}</span>
          <button
            type="button"
            className="font-medium underline"
            onClick={() => {
              setProblem(null);
              setPhase('loading');
              (visitorRef.current ? refresh() : ensureSession().then(() => undefined))
                .then(() => setPhase('ready'))
                .catch((error: unknown) => {
                  setPhase('error');
                  setProblem(error instanceof Error ? error.message : 'The chat could not load.');
                });
            }}
          >
            Retry
          </button>
        </div>
      )}

      {quickReplies.length > 0 && (
        <div className="flex shrink-0 gap-2 overflow-x-auto px-3 pb-2" role="group" aria-label="Suggested replies">
          {quickReplies.map((q, i) => (
            <button
              key={i}
              type="button"
              onClick={() => sendChoice(q)}
              className="shrink-0 rounded-full border bg-white px-3 py-1.5 text-sm"
              style={{ borderColor: config.color }}
            >
              {q.title}
            </button>
          ))}
        </div>
      )}

      {/* Disabled until hydrated, so nothing typed before React takes over is lost. */}
      <Composer config={config} disabled={phase === 'starting'} onSend={sendText} onFile={sendFile} onTyping={onTyping} inputRef={inputRef} />
    </div>
  );
}
