'use client';

import Link from 'next/link';
import { useId, useRef } from 'react';
import { PRIORITY_LABELS, STATUS_LABELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TYPE_LABELS } from '@/lib/tickets/labels';
import { isFiltered, SLA_FILTER_LABELS, SORT_LABELS, ticketSlaFilters, ticketSorts, type TicketListQuery } from '@/lib/tickets/list-query';

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

type Option = { id: string; name: string };

/**
 * Search, filters and sort as a plain GET form: the state lives in the URL (validated by
 * the page), so a filtered list can be shared or bookmarked. A changed choice applies at once.
 */
export function TicketsFilters({ basePath, query, agents, teams }: { basePath: string; query: TicketListQuery; agents: Option[]; teams: Option[] }) {
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const apply = () => form.current?.requestSubmit();
  // Labels point at their control by id (not by wrapping it), so a select's name is its label alone.
  const select = (name: keyof TicketListQuery, label: string, options: [string, string][], any: string) => (
    <div className="min-w-0 text-sm">
      <label htmlFor={`${id}-${name}`} className="text-slate-600">
        {label}
      </label>
      <select id={`${id}-${name}`} name={name} defaultValue={String(query[name] ?? '')} onChange={apply} className={field}>
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form ref={form} method="get" action={basePath} role="search" aria-label="Search tickets" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-9">
      <div className="col-span-2 min-w-0 text-sm sm:col-span-4 lg:col-span-2">
        <label htmlFor={`${id}-q`} className="text-slate-600">
          Search
        </label>
        <input id={`${id}-q`} type="search" name="q" defaultValue={query.q ?? ''} placeholder="#12, subject or customer" className={field} />
      </div>
      {select('status', 'Status', [['active', 'Not solved'], ...TICKET_STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]])], 'Any status')}
      {select('priority', 'Priority', TICKET_PRIORITIES.map((p) => [p, PRIORITY_LABELS[p]]), 'Any priority')}
      {select('assignee', 'Assignee', [['me', 'Me'], ['none', 'Unassigned'], ...agents.map((a): [string, string] => [a.id, a.name])], 'Anyone')}
      {select('team', 'Team', teams.map((t) => [t.id, t.name]), 'Any team')}
      {select('type', 'Type', TICKET_TYPES.map((t) => [t, TYPE_LABELS[t]]), 'Any type')}
      {select('sla', 'SLA', ticketSlaFilters.map((f) => [f, SLA_FILTER_LABELS[f]]), 'Any SLA')}
      <div className="min-w-0 text-sm">
        <label htmlFor={`${id}-tag`} className="text-slate-600">
          Tag
        </label>
        <input id={`${id}-tag`} type="text" name="tag" defaultValue={query.tag ?? ''} className={field} />
      </div>
      <div className="col-span-2 flex flex-wrap items-end gap-3 sm:col-span-4 lg:col-span-9">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={Boolean(query.overdue)} onChange={apply} /> Overdue only
        </label>
        <span className="flex items-center gap-2 text-sm">
          <label htmlFor={`${id}-sort`} className="text-slate-600">
            Sort
          </label>
          <select id={`${id}-sort`} name="sort" defaultValue={query.sort ?? 'updated'} onChange={apply} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {ticketSorts.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </span>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        {isFiltered(query) && (
          <Link href={basePath} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
