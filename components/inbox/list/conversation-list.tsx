'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { ConversationRow } from '@/components/inbox/conversation-row';
import { SwipeActions } from './swipe-actions';
import { PULL_THRESHOLD_PX, usePullToRefresh } from './use-pull-to-refresh';
import { Loader2, RefreshCw } from 'lucide-react';
import type { InboxRow } from '@/lib/inbox/list-query';

export type ConversationListHandle = {
  /** Scrolls the row into view and moves focus to it (keyboard navigation). */
  focusRow: (index: number) => void;
};

const ROW_ESTIMATE = 76;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 15;

/**
 * The rows, virtualised: only those in view (plus an overscan) are in the DOM, so
 * thousands scroll smoothly; heights are measured (search matches add lines). Reaching
 * the end loads the next page.
 */
// Long: the virtualizer, its measuring and the load-more trigger share one scroll container; most of it is the row markup.
export function ConversationList({
  ref,
  rows,
  hasMore,
  loadingMore,
  error,
  loadMore,
  hrefFor,
  selectedId,
  activeId,
  term,
  busy,
  onRowNavigate,
  selection,
  swipe,
  refresh,
}: {
  ref?: Ref<ConversationListHandle>;
  rows: InboxRow[];
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMore: () => void;
  hrefFor: (row: InboxRow) => string;
  selectedId?: string;
  activeId: string | null;
  term?: string;
  busy: boolean;
  onRowNavigate: (row: InboxRow) => void;
  /** Bulk selection mode: a checkbox before each row. */
  selection?: { ids: ReadonlySet<string>; toggle: (id: string) => void };
  /** Rows a finger can swipe to follow up or resolve (not while selecting). */
  swipe?: { workspaceId: string; onError: (message: string | null) => void };
  /** Reloads the first page (pull to refresh). */
  refresh?: () => Promise<void>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pull = usePullToRefresh(scrollRef, refresh);
  const footer = hasMore || loadingMore || error !== null;
  const virtualizer = useVirtualizer({
    count: rows.length + (footer ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    getItemKey: (index) => rows[index]?.id ?? '__footer',
    // Server render and first paint: a typical panel height, so rows are there before JS.
    initialRect: { width: 340, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && error === null && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, error, lastIndex, rows.length, loadMore]);

  useImperativeHandle(
    ref,
    () => ({
      focusRow(index: number) {
        const row = rows[index];
        if (!row) return;
        virtualizer.scrollToIndex(index, { align: 'auto' });
        let attempts = 0;
        const tryFocus = () => {
          const el = scrollRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${row.id}"]`);
          if (el) el.focus({ preventScroll: true });
          else if (attempts++ < 10) requestAnimationFrame(tryFocus);
        };
        requestAnimationFrame(tryFocus);
      },
    }),
    [rows, virtualizer],
  );

  return (
    <div ref={scrollRef} className={`min-h-0 flex-1 overflow-y-auto overscroll-y-contain transition-opacity ${busy ? 'opacity-60' : ''}`} aria-busy={busy || loadingMore || pull.refreshing}>
      {(pull.distance > 0 || pull.refreshing) && (
        <div role="status" className="flex items-center justify-center gap-2 overflow-hidden text-xs text-slate-500" style={{ height: pull.distance }}>
          {pull.refreshing ? <Loader2 aria-hidden className="size-4 animate-spin" /> : <RefreshCw aria-hidden className="size-4" style={{ transform: `rotate(${pull.distance * 3}deg)` }} />}
          {pull.refreshing ? 'Refreshing…' : pull.distance >= PULL_THRESHOLD_PX ? 'Release to refresh' : 'Pull to refresh'}
        </div>
      )}
      <ul aria-label="Conversations" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          const rowLink = row && (
            <ConversationRow
              row={row}
              href={hrefFor(row)}
              selected={row.id === selectedId}
              active={row.id === activeId}
              term={term}
              onNavigate={() => onRowNavigate(row)}
            />
          );
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-setsize={row ? (hasMore ? -1 : rows.length) : undefined}
              aria-posinset={row ? item.index + 1 : undefined}
              className="absolute left-0 top-0 w-full"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row ? (
                <div className="flex items-stretch">
                  {selection && (
                    <label className="flex items-center border-b border-slate-100 pl-3">
                      <input
                        type="checkbox"
                        checked={selection.ids.has(row.id)}
                        onChange={() => selection.toggle(row.id)}
                        aria-label={`Select ${row.contact.name}`}
                      />
                    </label>
                  )}
                  <div className="min-w-0 flex-1">
                    {swipe && !selection ? (
                      <SwipeActions
                        workspaceId={swipe.workspaceId}
                        conversationId={row.id}
                        name={row.contact.name}
                        followUp={row.followUp}
                        open={row.status === 'open'}
                        onError={swipe.onError}
                      >
                        {rowLink}
                      </SwipeActions>
                    ) : (
                      rowLink
                    )}
                  </div>
                </div>
              ) : (
                <div className="flex items-center justify-center gap-2 p-4 text-sm text-slate-500">
                  {error ? (
                    <>
                      <span role="alert">{error}</span>
                      <button type="button" onClick={loadMore} className="font-medium text-brand-600 hover:underline">
                        Retry
                      </button>
                    </>
                  ) : (
                    <>
                      <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
                      Loading more…
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
