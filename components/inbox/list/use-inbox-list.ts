'use client';

import { watchResult } from '@/components/layout/server-status';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { loadInboxCountsAction, loadInboxPageAction, loadInboxRowsAction } from '@/app/w/[slug]/inbox/list-actions';
import { useInboxLiveUpdates, type LiveStatus } from '@/components/inbox/inbox-live-updates';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';
import { filtersKey, LIST_PAGE_SIZE, type InboxRow, type ListFilters, type TabCounts } from '@/lib/inbox/list-query';
import {
  appendPage,
  applyFetched,
  markRowRead,
  applySummary,
  contactDeletedSchema,
  conversationSummarySchema,
  reconcileFirstPage,
  removeContactRows,
  type ListState,
  type LiveContext,
} from '@/lib/inbox/list-state';

const PAGE_SIZE = LIST_PAGE_SIZE;
/** Row fetches for live updates are batched over this window. */
const FETCH_BATCH_MS = 120;
/** Tab counts are re-read at most this often while events arrive. */
const COUNTS_DEBOUNCE_MS = 1_000;

export type InboxListInit = {
  workspaceId: string;
  meId: string;
  channelName: string;
  filters: ListFilters;
  initial: { rows: InboxRow[]; nextCursor: string | null; counts: TabCounts | null };
  memberNames: ReadonlyMap<string, string>;
  teamNames: ReadonlyMap<string, string>;
  /** The open conversation: it is being read, so it has no unread messages for me. */
  selectedId?: string;
};

export type InboxList = {
  rows: InboxRow[];
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  counts: TabCounts | null;
  live: LiveStatus;
  loadMore: () => void;
  /** Reloads the first page and the tab counts (pull to refresh). */
  refresh: () => Promise<void>;
};

/**
 * The browser's list: the server-rendered first page, further pages on demand, and live
 * updates applied in place (lib/inbox/list-state.ts). State lives in a ref so event
 * handlers always see the latest rows; a counter re-renders.
 */
// Long: the list's store, paging, counts and the batched live-row fetches share one ref-held state that must stay consistent.
export function useInboxList(init: InboxListInit): InboxList {
  const { workspaceId, filters, initial } = init;
  const key = filtersKey(filters);
  const store = useRef<ListState | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<TabCounts | null>(initial.counts);

  // Another tab, filter or search: start over from the page the server rendered for it.
  if (store.current === null || store.current.key !== key) {
    store.current = { key, rows: initial.rows, nextCursor: initial.nextCursor };
  }
  const state = store.current;

  const selectedRef = useRef(init.selectedId);
  selectedRef.current = init.selectedId;
  const liveCtx = useRef<LiveContext>({ filters, meId: init.meId, memberNames: init.memberNames, teamNames: init.teamNames });
  liveCtx.current = { filters, meId: init.meId, memberNames: init.memberNames, teamNames: init.teamNames };

  const commit = useCallback((forKey: string, update: (s: ListState) => ListState) => {
    const current = store.current;
    if (!current || current.key !== forKey) return; // the answer to an older list
    const next = update(current);
    if (next !== current) {
      store.current = next;
      rerender();
    }
  }, []);

  useEffect(() => {
    setError(null);
    setLoadingMore(false);
  }, [key]);
  useEffect(() => {
    if (initial.counts) setCounts(initial.counts);
  }, [initial.counts]);

  // Opening a conversation marks it read (the conversation panel does): keep the row's
  // count at zero, also after moving on to another one.
  const selectedId = init.selectedId;
  useEffect(() => {
    if (!selectedId) return;
    const forKey = store.current?.key;
    if (forKey) commit(forKey, (cur) => markRowRead(cur, selectedId));
  }, [selectedId, state, commit]);

  // ---- pages ----
  const loading = useRef<string | null>(null);
  const loadMore = useCallback(() => {
    const s = store.current;
    if (!s || !s.nextCursor || loading.current === s.key + s.nextCursor) return;
    const forKey = s.key;
    const cursor = s.nextCursor;
    loading.current = forKey + cursor;
    setLoadingMore(true);
    setError(null);
    void loadInboxPageAction({ workspaceId, ...liveCtx.current.filters, cursor, limit: PAGE_SIZE })
      .then(watchResult)
      .then((result) => {
        if (result.ok) commit(forKey, (cur) => (cur.nextCursor === cursor ? appendPage(cur, result.data, liveCtx.current.filters.sort) : cur));
        else if (store.current?.key === forKey) setError(result.error);
      })
      .catch(() => store.current?.key === forKey && setError('Could not load more conversations.'))
      .finally(() => {
        if (loading.current === forKey + cursor) loading.current = null;
        if (store.current?.key === forKey) setLoadingMore(false);
      });
  }, [workspaceId, commit]);

  const resync = useCallback(async () => {
    const forKey = store.current?.key;
    if (!forKey) return;
    await loadInboxPageAction({ workspaceId, ...liveCtx.current.filters, limit: PAGE_SIZE, withCounts: true }).then(watchResult).then((result) => {
      if (!result.ok) return;
      commit(forKey, (cur) => reconcileFirstPage(cur, result.data, liveCtx.current.filters.sort));
      if (result.data.counts) setCounts(result.data.counts);
    }, () => {});
  }, [workspaceId, commit]);

  // ---- live ----
  const pendingIds = useRef(new Set<string>());
  // Newest version announced per conversation: drops late payloads and stale fetches.
  const announced = useRef(new Map<string, number>());
  const fetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const countsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshCounts = useCallback(() => {
    if (countsTimer.current) return;
    countsTimer.current = setTimeout(() => {
      countsTimer.current = null;
      void loadInboxCountsAction({ workspaceId }).then((r) => r.ok && setCounts(r.data), () => {});
    }, COUNTS_DEBOUNCE_MS);
  }, [workspaceId]);

  const flushFetches = useCallback(() => {
    fetchTimer.current = null;
    const forKey = store.current?.key;
    const ids = [...pendingIds.current];
    pendingIds.current.clear();
    if (!forKey || ids.length === 0) return;
    for (let i = 0; i < ids.length; i += 50) {
      const batch = ids.slice(i, i + 50);
      void loadInboxRowsAction({ workspaceId, ids: batch, filters: liveCtx.current.filters }).then((result) => {
        if (!result.ok) return;
        const open = selectedRef.current;
        commit(forKey, (cur) => {
          const next = applyFetched(cur, batch, result.data.rows, liveCtx.current, announced.current);
          return open && batch.includes(open) ? markRowRead(next, open) : next;
        });
      }, () => {});
    }
  }, [workspaceId, commit]);

  const fetchRow = useCallback(
    (id: string) => {
      pendingIds.current.add(id);
      fetchTimer.current ??= setTimeout(flushFetches, FETCH_BATCH_MS);
    },
    [flushFetches],
  );

  const live = useInboxLiveUpdates(init.channelName, {
    onEvent: (_name, data) => {
      const parsed = conversationSummarySchema.safeParse(data);
      refreshCounts();
      const forKey = store.current?.key;
      if (!parsed.success || !forKey) return;
      const { id, version } = parsed.data;
      if ((announced.current.get(id) ?? 0) >= version) return;
      if (announced.current.size > 20_000) announced.current.clear();
      announced.current.set(id, version);
      let refetch = false;
      commit(forKey, (cur) => {
        const outcome = applySummary(cur, parsed.data, liveCtx.current);
        refetch = outcome.refetch;
        return outcome.state;
      });
      if (refetch) fetchRow(id);
    },
    onResync: () => void resync(),
  });

  // A customer was deleted (by me or anyone): their rows leave every list at once.
  useChannelEvents(init.channelName, ['contact.deleted'], (_name, data) => {
    const parsed = contactDeletedSchema.safeParse(data);
    const forKey = store.current?.key;
    if (!parsed.success || !forKey) return;
    commit(forKey, (cur) => removeContactRows(cur, parsed.data));
    refreshCounts();
  });

  // Read on another tab or device: the unread badge goes here too.
  useChannelEvents(realtimeChannels.user(init.meId), ['conversation.read'], (_name, data) => {
    const conversationId = (data as { conversationId?: string }).conversationId;
    const forKey = store.current?.key;
    if (conversationId && forKey) commit(forKey, (cur) => markRowRead(cur, conversationId));
  });

  useEffect(
    () => () => {
      if (fetchTimer.current) clearTimeout(fetchTimer.current);
      if (countsTimer.current) clearTimeout(countsTimer.current);
    },
    [],
  );

  return useMemo(
    () => ({ rows: state.rows, hasMore: state.nextCursor !== null, loadingMore, error, counts, live, loadMore, refresh: resync }),
    [state, loadingMore, error, counts, live, loadMore, resync],
  );
}
