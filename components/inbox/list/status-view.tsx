'use client';

import type { ListFilters } from '@/lib/inbox/list-query';

// Chatvisor's status view on Baton's own filters: Unread / Unresolved / Done map onto the
// "Chat status" filter and "Only mine" onto "Assigned to: me", so the URL (and a bookmark)
// keeps the view and there is no second status model.

const views: { label: string; status: ListFilters['status'] }[] = [
  { label: 'All', status: undefined },
  { label: 'Unread', status: 'unread' },
  { label: 'Unresolved', status: 'unresolved' },
  { label: 'Done', status: 'resolved' },
];

export function StatusView({ filters, set }: { filters: ListFilters; set(patch: Partial<ListFilters>): void }) {
  const mine = filters.assigned === 'me';
  const chip = (on: boolean) =>
    `rounded-full px-2 py-0.5 text-xs font-medium ${on ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`;
  return (
    <div className="flex flex-wrap items-center gap-1">
      <div role="radiogroup" aria-label="Status view" className="flex flex-wrap gap-1">
        {views.map((v) => {
          // "Follow up" is a status of its own (in Filters): then no view here is checked.
          const on = filters.status === v.status;
          return (
            <button key={v.label} type="button" role="radio" aria-checked={on} onClick={() => set({ status: v.status })} className={chip(on)}>
              {v.label}
            </button>
          );
        })}
      </div>
      <button type="button" aria-pressed={mine} onClick={() => set({ assigned: mine ? undefined : 'me' })} className={`ml-auto ${chip(mine)}`}>
        Only mine
      </button>
    </div>
  );
}
