'use client';

import { useCallback, useEffect, useState } from 'react';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * The conversation's history: the newest page when the visitor is known (and again after
 * anything live), older pages on request (keeping the scroll position), and a retry after
 * a failure.
 */
export function useHistory({
  session,
  state,
  keepScrollPosition,
  strings,
}: {
  session: VisitorSession;
  state: ConversationState;
  keepScrollPosition(): void;
  /** The widget's texts: this hook runs above its text provider. */
  strings: WidgetStrings;
}) {
  const { api, visitor, visitorRef, withSession, ensureSession, stillVisitor } = session;
  const { merge, olderLoaded, olderCursor, setOlderCursor, setFlowForm, setPhase, setProblem, fail } = state;
  const [loadingOlder, setLoadingOlder] = useState(false);

  const refresh = useCallback(async () => {
    const identityId = visitorRef.current?.identityId;
    if (!identityId) return;
    const page = await withSession(() => api.history());
    if (visitorRef.current?.identityId !== identityId) return;
    merge(page.messages);
    setFlowForm(page.flowForm ?? null);
    if (!olderLoaded.current) setOlderCursor(page.olderCursor);
  }, [api, merge, withSession, visitorRef, olderLoaded, setOlderCursor, setFlowForm]);

  const loadOlder = async () => {
    if (!olderCursor || loadingOlder) return;
    setLoadingOlder(true);
    const identityId = visitorRef.current?.identityId;
    try {
      const page = await withSession(() => api.history(olderCursor));
      if (!stillVisitor(identityId)) return;
      // eslint-disable-next-line react-hooks/immutability -- a ref handed in by the widget, written in an event handler
      olderLoaded.current = true;
      keepScrollPosition();
      merge(page.messages);
      setOlderCursor(page.olderCursor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : strings.loadEarlierFailed);
    } finally {
      setLoadingOlder(false);
    }
  };

  useEffect(() => {
    if (!visitor) return;
    let cancelled = false;
    setPhase((p) => (p === 'ready' ? p : 'loading'));
    refresh()
      .then(() => !cancelled && setPhase('ready'))
      .catch((error: unknown) => {
        if (!cancelled) fail(error, strings.conversationLoadFailed);
      });
    return () => {
      cancelled = true;
    };
    // Reload only when the visitor changes (refresh itself is stable).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the visitor changes (refresh itself is stable)
  }, [visitor?.identityId]);

  /** After a failure: load again (or start the session again, when there is none). */
  const retry = () => {
    setProblem(null);
    setPhase('loading');
    (visitorRef.current ? refresh() : ensureSession().then(() => undefined))
      .then(() => setPhase('ready'))
      .catch((error: unknown) => fail(error, strings.couldNotLoad));
  };

  return { refresh, loadOlder, loadingOlder, retry };
}
