'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import type { WidgetVisitorView } from '@/lib/widget/types';
import { widgetApi, WidgetApiError, type Identity } from './api';
import { postToParent } from './bridge';
import type { ConversationState } from './use-conversation-state';

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

type SessionOptions = {
  channelToken: string;
  parentOrigin: string | null;
  state: ConversationState;
  /** The widget's texts: these hooks run above its text provider. */
  strings: WidgetStrings;
};

/** The token, the visitor it stands for, and making a session (once at a time) when one is needed. */
function useSessionCore({ channelToken, parentOrigin, state, strings }: SessionOptions) {
  const store = useMemo(() => storage(`baton:visitor:${channelToken}`), [channelToken]);
  const tokenRef = useRef<string | null>(null);
  const api = useMemo(() => widgetApi(channelToken, () => tokenRef.current, strings), [channelToken, strings]);
  const [visitor, setVisitor] = useState<WidgetVisitorView | null>(null);
  const visitorRef = useRef<WidgetVisitorView | null>(null);
  const sessionPromise = useRef<Promise<WidgetVisitorView> | null>(null);
  const identityRef = useRef<Identity | null>(null);
  const { clear, setPhase, fail } = state;

  const applySession = useCallback(
    (token: string, next: WidgetVisitorView) => {
      tokenRef.current = token;
      store.write(token);
      if (visitorRef.current?.identityId !== next.identityId) clear({ pending: false });
      visitorRef.current = next;
      setVisitor(next);
      return next;
    },
    [store, clear],
  );

  const startSession = useCallback(
    async (identity: Identity | null): Promise<WidgetVisitorView> => {
      try {
        const result = await api.session(identity ?? undefined);
        if (result.recordingToken) postToParent({ type: 'recording-token', token: result.recordingToken }, parentOrigin);
        return applySession(result.visitorToken, result.visitor);
      } catch (error) {
        if (identity && error instanceof WidgetApiError && error.code.startsWith('identity_')) {
          // A wrong hash must not lock the visitor out: tell the shop's page, chat anonymously.
          console.warn(`[Baton] identify refused: ${error.message}`);
          postToParent({ type: 'identity-error', error: error.message }, parentOrigin);
          identityRef.current = null;
          // eslint-disable-next-line react-hooks/immutability -- retries itself once it exists; called only after the first await
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
    postToParent({ type: 'recording-token', token: null }, parentOrigin);
    tokenRef.current = null;
    visitorRef.current = null;
    store.write(null);
    setVisitor(null);
    clear({ pending: true });
  }, [store, clear, parentOrigin]);

  // A returning visitor (token in storage) is resumed at once, so replies that came while
  // away show as unread on the launcher; a new visitor gets a session with the first message.
  useEffect(() => {
    const saved = store.read();
    if (!saved) return setPhase('idle');
    tokenRef.current = saved;
    setPhase('loading');
    ensureSession().catch((error: unknown) => fail(error, strings.chatStartFailed));
  }, [store, ensureSession, setPhase, fail, strings]);

  return { api, visitor, visitorRef, sessionPromise, identityRef, startSession, ensureSession, forgetVisitor };
}

type SessionCore = ReturnType<typeof useSessionCore>;

/** Runs a call that needs a visitor; a token the server no longer accepts is replaced once. */
function useWithSession({ ensureSession, forgetVisitor }: SessionCore) {
  return useCallback(
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
}

/** The shop's page signing its customer in and out. */
function usePageIdentity({ sessionPromise, identityRef, startSession, forgetVisitor }: SessionCore) {
  /** The shop's page signed its customer in: a session for them, after any being made. */
  const identify = useCallback(
    // eslint-disable-next-line react-hooks/immutability -- a ref handed in by the session hook, written outside render
    (identity: Identity) => {
      identityRef.current = identity;
      const previous = sessionPromise.current ?? Promise.resolve(null);
      // eslint-disable-next-line react-hooks/immutability -- a ref handed in by the session hook, written outside render
      sessionPromise.current = previous
        .catch(() => null)
        .then(() => startSession(identity))
        .finally(() => {
          sessionPromise.current = null;
        });
      return sessionPromise.current;
    },
    [sessionPromise, identityRef, startSession],
  );

  /** The shop's page signed its customer out: the next message starts an anonymous visitor. */
  const reset = useCallback(() => {
    identityRef.current = null;
    forgetVisitor();
  }, [identityRef, forgetVisitor]);

  return { identify, reset };
}

/**
 * Who the visitor is: their token (kept in localStorage, so a returning visitor is
 * resumed), the session made on first need (anonymous, or identified by the shop's page),
 * and the widget API that sends the token. A token the server no longer accepts is
 * replaced once; another visitor clears the conversation.
 */
export function useVisitorSession(options: SessionOptions) {
  const core = useSessionCore(options);
  const withSession = useWithSession(core);
  const { identify, reset } = usePageIdentity(core);
  const { api, visitor, visitorRef, ensureSession } = core;
  /** Whether the visitor is still the one a request was made for (not reset or switched meanwhile). */
  const stillVisitor = (identityId: string | undefined) => Boolean(identityId) && visitorRef.current?.identityId === identityId;
  return { api, visitor, visitorRef, ensureSession, withSession, identify, reset, stillVisitor };
}

export type VisitorSession = ReturnType<typeof useVisitorSession>;
