'use client';

import { useEffect, useId, useRef, useState, type Ref } from 'react';
import { channelLabel } from '@/components/ui/channel-icon';
import type { ChannelKind } from '@/db/schema/channels';
import { filtersKey, SEARCH_MAX_LENGTH, type ListFilters } from '@/lib/inbox/list-query';
import { StatusView } from './status-view';

export type FilterOptions = {
  channels: Array<{ id: string; kind: ChannelKind; name: string }>;
  members: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string }>;
};

const SEARCH_DEBOUNCE_MS = 300;

const statusLabels: Record<NonNullable<ListFilters['status']>, string> = {
  'follow-up': 'Follow-up',
  unread: 'Unread',
  unresolved: 'Unresolved',
  resolved: 'Resolved',
};

function assignedLabel(value: string, options: FilterOptions, meId: string): string {
  if (value === 'me') return 'Assigned to me';
  if (value === 'bot') return 'Bot';
  if (value === 'unassigned') return 'Unassigned';
  const [kind, id] = value.split(':');
  if (kind === 'agent') return id === meId ? 'Assigned to me' : (options.members.find((m) => m.id === id)?.name ?? 'An agent');
  return `Team ${options.teams.find((t) => t.id === id)?.name ?? ''}`.trim();
}

/**
 * Search box, filters and sort. Every change becomes a new URL (the URL is the list's
 * state), through `onChange`; typing is debounced and replaces the history entry.
 */
// Long: the search box and the filter popover edit one draft of the URL's filters; most of it is the popover's markup.
export function ListToolbar({
  filters,
  options,
  meId,
  searchRef,
  onChange,
}: {
  filters: ListFilters;
  options: FilterOptions;
  meId: string;
  searchRef: Ref<HTMLInputElement>;
  onChange: (next: ListFilters, how: { replace: boolean }) => void;
}) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(filters.q ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSent = useRef(filters.q ?? '');
  // The filters last asked for: two quick changes both count, even before the URL caught up.
  // The menus show it at once (the URL, and so `filters`, follows when the list arrives).
  const latest = useRef(filters);
  const [draft, setDraft] = useState(filters);
  const shown = filtersKey(filters);
  useEffect(() => {
    latest.current = filters;
    setDraft(filters);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the list shown changes
  }, [shown]);
  const request = (next: ListFilters, replace: boolean) => {
    latest.current = next;
    setDraft(next);
    onChange(next, { replace });
  };

  // The URL changed under us (back button, a link): show its search.
  useEffect(() => {
    if ((filters.q ?? '') !== lastSent.current) {
      lastSent.current = filters.q ?? '';
      setText(filters.q ?? '');
    }
  }, [filters.q]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const sendSearch = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const q = value.replace(/\s+/g, ' ').trim();
    if (q === (latest.current.q ?? '')) return;
    lastSent.current = q;
    request({ ...latest.current, q: q || undefined }, true);
  };

  const set = (patch: Partial<ListFilters>) => request({ ...latest.current, ...patch }, false);

  const chips: Array<{ label: string; clear: Partial<ListFilters> }> = [];
  if (draft.assigned) chips.push({ label: assignedLabel(draft.assigned, options, meId), clear: { assigned: undefined } });
  if (draft.status) chips.push({ label: statusLabels[draft.status], clear: { status: undefined } });
  if (draft.channel) {
    const ch = options.channels.find((c) => c.id === draft.channel);
    chips.push({ label: ch ? ch.name : 'Channel', clear: { channel: undefined } });
  }
  if (draft.sort === 'sla') chips.push({ label: 'SLA order', clear: { sort: 'newest' } });
  const activeCount = chips.length;

  const selectClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm';
  return (
    // One search landmark for the search box and the filters, as on Orders and Tickets.
    <div role="search" aria-label="Search conversations" className="space-y-2 border-b border-slate-200 p-2">
      <div className="flex gap-2">
        <form
          className="relative min-w-0 flex-1"
          onSubmit={(e) => {
            e.preventDefault();
            sendSearch(text);
          }}
        >
          <input
            ref={searchRef}
            type="search"
            name="q"
            value={text}
            maxLength={SEARCH_MAX_LENGTH}
            aria-label="Search customers"
            placeholder="Search name, email, phone, tag, data…"
            autoComplete="off"
            onChange={(e) => {
              const value = e.target.value;
              setText(value);
              if (timer.current) clearTimeout(timer.current);
              timer.current = setTimeout(() => sendSearch(value), SEARCH_DEBOUNCE_MS);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                if (text) {
                  setText('');
                  sendSearch('');
                } else e.currentTarget.blur();
              }
            }}
            className="w-full rounded border border-slate-300 py-1.5 pl-2 pr-6 text-sm"
          />
          <span aria-hidden className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-xs text-slate-400">
            /
          </span>
        </form>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
          className={`rounded border px-2 text-sm ${open || activeCount ? 'border-brand-500 text-brand-700' : 'border-slate-300 text-slate-700'}`}
        >
          Filters{activeCount ? ` (${activeCount})` : ''}
        </button>
      </div>

      <StatusView filters={draft} set={set} />

      <div id={panelId} hidden={!open} className="grid grid-cols-2 gap-2 text-xs text-slate-600 [&_label]:block">
        <div className="space-y-0.5">
          <label htmlFor={`${panelId}-assigned`}>Assigned to</label>
          <select id={`${panelId}-assigned`} className={selectClass} value={draft.assigned ?? ''} onChange={(e) => set({ assigned: (e.target.value || undefined) as ListFilters['assigned'] })}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="bot">Bot</option>
            <option value="unassigned">Unassigned</option>
            {options.members.length > 0 && (
              <optgroup label="Agent">
                {options.members.map((m) => (
                  <option key={m.id} value={`agent:${m.id}`}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {options.teams.length > 0 && (
              <optgroup label="Team">
                {options.teams.map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div className="space-y-0.5">
          <label htmlFor={`${panelId}-status`}>Chat status</label>
          <select id={`${panelId}-status`} className={selectClass} value={draft.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ListFilters['status'] })}>
            <option value="">Any</option>
            {(Object.keys(statusLabels) as Array<keyof typeof statusLabels>).map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-0.5">
          <label htmlFor={`${panelId}-channel`}>Channel</label>
          <select id={`${panelId}-channel`} className={selectClass} value={draft.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
            <option value="">All channels</option>
            {options.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name.toLowerCase().includes(channelLabel(c.kind).toLowerCase()) ? c.name : `${c.name} (${channelLabel(c.kind)})`}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-0.5">
          <label htmlFor={`${panelId}-sort`}>Sort</label>
          <select id={`${panelId}-sort`} className={selectClass} value={draft.sort} onChange={(e) => set({ sort: e.target.value === 'sla' ? 'sla' : 'newest' })}>
            <option value="newest">Newest first</option>
            <option value="sla">SLA: due soonest</option>
          </select>
        </div>
      </div>

      {activeCount > 0 && (
        <ul aria-label="Active filters" className="flex flex-wrap gap-1">
          {chips.map((chip) => (
            <li key={chip.label}>
              <button
                type="button"
                onClick={() => set(chip.clear)}
                aria-label={`Remove filter ${chip.label}`}
                className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700 hover:bg-brand-100"
              >
                {chip.label} <span aria-hidden>×</span>
              </button>
            </li>
          ))}
          {activeCount > 1 && (
            <li>
              <button
                type="button"
                onClick={() => set({ assigned: undefined, status: undefined, channel: undefined, sort: 'newest' })}
                className="px-1 text-xs text-slate-500 hover:underline"
              >
                Clear all
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
