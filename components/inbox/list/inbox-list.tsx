'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { InboxTabs } from '@/components/inbox/inbox-tabs';
import { LiveStatusNote } from '@/components/inbox/inbox-live-updates';
import { hasActiveFilters, listHref, type InboxRow, type InboxTab, type ListFilters, type TabCounts } from '@/lib/inbox/list-query';
import { BulkBar } from './bulk-bar';
import { ConversationList, type ConversationListHandle } from './conversation-list';
import { ListToolbar, type FilterOptions } from './list-toolbar';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useInboxList } from './use-inbox-list';

const emptyTabText: Record<InboxTab, string> = {
  active: 'Nothing assigned to you. Take a request or wait for a new one.',
  requests: 'No customer is waiting for an agent.',
  bot: 'No conversation is with the bot right now.',
  all: 'No open conversations yet. They appear here as customers write in.',
  resolved: 'No resolved conversations yet.',
};

export type InboxListProps = {
  workspaceId: string;
  meId: string;
  basePath: string;
  channelName: string;
  filters: ListFilters;
  selectedId?: string;
  initial: { rows: InboxRow[]; nextCursor: string | null; counts: TabCounts | null };
  options: FilterOptions;
  /** Shown under the tabs (Requests: why requests wait). */
  notice?: React.ReactNode;
};

/** Typing somewhere: single-key shortcuts stay out of the way. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The customer list: toolbar, tabs with counts, live rows, keyboard shortcuts. */
// Long: the keyboard shortcuts act on the rows, selection and dialogs this component holds; the rest is layout.
export function InboxList(props: InboxListProps) {
  const { workspaceId, meId, basePath, filters, selectedId, options } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<ConversationListHandle>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [swipeError, setSwipeError] = useState<string | null>(null);
  // Bulk selection: null when not selecting.
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const toggle = useCallback((id: string) => {
    setPicked((current) => {
      const next = new Set(current ?? []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  // Set once hydrated: keyboard shortcuts and menus work from then on (tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const memberNames = useMemo(() => new Map(options.members.map((m) => [m.id, m.name])), [options.members]);
  const teamNames = useMemo(() => new Map(options.teams.map((t) => [t.id, t.name])), [options.teams]);
  const list = useInboxList({ workspaceId, meId, channelName: props.channelName, filters, initial: props.initial, memberNames, teamNames, selectedId });

  const navigate = useCallback(
    (href: string, replace = false) => startTransition(() => (replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false }))),
    [router],
  );
  const rowHref = useCallback((row: InboxRow) => listHref(basePath, filters, { c: row.id }), [basePath, filters]);
  const tabHref = useCallback((tab: InboxTab) => listHref(basePath, { ...filters, tab }), [basePath, filters]);

  // ---- keyboard ----
  const rows = list.rows;
  const state = useRef({ rows, activeId, selectedId, helpOpen });
  state.current = { rows, activeId, selectedId, helpOpen };

  useEffect(() => {
    const move = (delta: number) => {
      const { rows, activeId, selectedId } = state.current;
      if (rows.length === 0) return;
      const from = rows.findIndex((r) => r.id === (activeId ?? selectedId));
      const index = from < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, from + delta));
      // Also in the ref: a second key press may come before React re-renders.
      state.current.activeId = rows[index].id;
      setActiveId(rows[index].id);
      listRef.current?.focusRow(index);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || state.current.helpOpen) return;
      if (isTypingTarget(e.target)) return;
      // Another panel's modal is open: its keys are its own.
      if (document.querySelector('dialog[open]')) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const inList = !target || target === document.body || Boolean(rootRef.current?.contains(target));
      switch (e.key) {
        case 'j':
        case 'k':
          e.preventDefault();
          move(e.key === 'j' ? 1 : -1);
          break;
        case 'ArrowDown':
        case 'ArrowUp':
          // Arrows scroll other panels; they move the list cursor only from within the list.
          if (!inList) return;
          e.preventDefault();
          move(e.key === 'ArrowDown' ? 1 : -1);
          break;
        case 'Enter': {
          // A focused row link opens itself; this is for the cursor when focus is elsewhere.
          if (target?.closest('a, button, summary, [role="button"]')) return;
          const row = state.current.rows.find((r) => r.id === state.current.activeId);
          if (!row) return;
          e.preventDefault();
          navigate(listHref(basePath, filters, { c: row.id }));
          break;
        }
        case '/':
          e.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case '?':
          e.preventDefault();
          setHelpOpen(true);
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [basePath, filters, navigate]);

  // The open conversation carries the cursor (j from there goes to the next one).
  useEffect(() => {
    if (selectedId) setActiveId(selectedId);
  }, [selectedId]);

  const filtered = hasActiveFilters(filters);
  return (
    <div ref={rootRef} className="flex min-h-0 flex-1 flex-col" data-testid="inbox-list" data-ready={ready || undefined}>
      <ListToolbar
        filters={filters}
        options={options}
        meId={meId}
        searchRef={searchRef}
        onChange={(next, how) => navigate(listHref(basePath, next, { c: selectedId }), how.replace)}
      />
      <InboxTabs
        current={filters.tab}
        hrefFor={tabHref}
        counts={list.counts}
        className="order-last border-t md:order-none md:border-b md:border-t-0"
        onNavigate={(href, e) => {
          if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          navigate(href);
        }}
      />
      <LiveStatusNote status={list.live} />
      {props.notice}
      {picked ? (
        <BulkBar workspaceId={workspaceId} selectedIds={[...picked]} options={options} onDone={() => setPicked(new Set())} onCancel={() => setPicked(null)} />
      ) : (
        rows.length > 0 && (
          <div className="flex justify-end border-b border-slate-100 px-3 py-1">
            <button type="button" onClick={() => setPicked(new Set())} className="text-xs text-slate-600 hover:text-slate-900 hover:underline">
              Select conversations
            </button>
          </div>
        )
      )}
      {pending && <div role="progressbar" aria-label="Loading conversations" className="h-0.5 w-full animate-pulse bg-brand-500" />}
      {swipeError && (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-3 py-2 text-xs text-red-700">
          {swipeError}
        </p>
      )}
      {rows.length === 0 && !list.hasMore ? (
        <div className={`flex-1 p-6 text-center text-sm text-slate-500 ${pending ? 'opacity-60' : ''}`}>
          {filtered ? (
            <>
              <p>No conversations match {filters.q ? <>“{filters.q}”</> : 'these filters'}.</p>
              <Link href={listHref(basePath, { tab: filters.tab, sort: 'newest' })} className="mt-2 inline-block font-medium text-brand-600 hover:underline">
                Clear search and filters
              </Link>
            </>
          ) : (
            <p>{emptyTabText[filters.tab]}</p>
          )}
        </div>
      ) : (
        <ConversationList
          ref={listRef}
          rows={rows}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          error={list.error}
          loadMore={list.loadMore}
          hrefFor={rowHref}
          selectedId={selectedId}
          activeId={activeId}
          term={filters.q}
          busy={pending}
          onRowNavigate={(row) => setActiveId(row.id)}
          selection={picked ? { ids: picked, toggle } : undefined}
          swipe={{ workspaceId, onError: setSwipeError }}
          refresh={list.refresh}
        />
      )}
      <p className="hidden border-t border-slate-100 px-3 py-1 text-[11px] text-slate-400 md:block">
        Press <kbd className="font-mono">?</kbd> for keyboard shortcuts
      </p>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
