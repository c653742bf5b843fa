'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { CalendarClock } from 'lucide-react';
import { bulkUpdateTicketsAction } from '@/app/w/[slug]/tickets/actions';
import { RelativeTime } from '@/components/ui/relative-time';
import { PRIORITY_LABELS, STATUS_LABELS, TICKET_PRIORITIES, TICKET_STATUSES, ticketRef } from '@/lib/tickets/labels';
import type { TicketListRow } from '@/lib/tickets/list';
import { TicketPriorityText, TicketStatusBadge } from './badges';
import { TicketSlaBadge } from './ticket-sla-badge';

type Option = { id: string; name: string };
const field = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

/** The list with a checkbox per ticket; selecting any shows the bulk edit bar. */
export function TicketsList({ workspaceId, basePath, rows, agents, teams }: { workspaceId: string; basePath: string; rows: TicketListRow[]; agents: Option[]; teams: Option[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  const visible = rows.filter((r) => selected.has(r.id));
  const allChecked = rows.length > 0 && visible.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 px-1">
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={allChecked} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())} />
          Select all on this page
        </label>
        <p role="status" className="text-sm text-emerald-700">
          {notice}
        </p>
      </div>
      {visible.length > 0 && (
        <BulkBar
          workspaceId={workspaceId}
          ids={visible.map((r) => r.id)}
          agents={agents}
          teams={teams}
          onDone={(text) => {
            setSelected(new Set());
            setNotice(text);
          }}
        />
      )}
      <ul aria-label="Tickets" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {rows.map((t) => (
          <li key={t.id} data-testid="ticket-row" className="flex items-start gap-3 px-3 py-2.5">
            <input type="checkbox" className="mt-1" aria-label={`Select ticket ${ticketRef(t.number)}`} checked={selected.has(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <Link href={`${basePath}/${t.number}`} className="min-w-0 break-words font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  <span className="text-slate-500">{ticketRef(t.number)}</span> {t.subject}
                </Link>
                <TicketStatusBadge status={t.status} />
                <TicketPriorityText priority={t.priority} />
                <TicketSlaBadge sla={t.sla} />
              </div>
              <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                <span>{t.customer ? t.customer.name : 'No customer'}</span>
                <span data-testid="ticket-assignee">{t.assignee ? t.assignee.name : t.team ? t.team.name : 'Unassigned'}</span>
                {t.dueAt && (
                  <span className={`inline-flex items-center gap-1 ${t.overdue ? 'font-medium text-red-700' : ''}`}>
                    <CalendarClock aria-hidden className="h-3 w-3" />
                    {t.overdue ? 'Overdue' : 'Due'} <RelativeTime iso={t.dueAt} />
                  </span>
                )}
                {t.tags.map((tag) => (
                  <span key={tag} className="rounded bg-slate-100 px-1.5 text-slate-600">
                    {tag}
                  </span>
                ))}
                <span>
                  Updated <RelativeTime iso={t.updatedAt} />
                </span>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BulkBar({ workspaceId, ids, agents, teams, onDone }: { workspaceId: string; ids: string[]; agents: Option[]; teams: Option[]; onDone: (text: string) => void }) {
  const router = useRouter();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [team, setTeam] = useState('');
  const [error, setError] = useState('');
  const [pending, start] = useTransition();
  const keep = (v: string) => (v === '' ? undefined : v === 'none' ? null : v);
  const apply = () =>
    start(async () => {
      const result = await bulkUpdateTicketsAction({
        workspaceId,
        ticketIds: ids,
        patch: { status: keep(status) as never, priority: keep(priority) as never, assigneeId: keep(assignee), teamId: keep(team) },
      });
      if (!result.ok) return setError(result.error);
      onDone(result.data.updated === 1 ? 'Updated 1 ticket.' : `Updated ${result.data.updated} tickets.`);
      router.refresh();
    });
  const chosen = Boolean(status || priority || assignee || team);
  return (
    <section aria-label="Bulk edit" className="flex flex-wrap items-end gap-2 rounded-lg border border-brand-200 bg-brand-50 p-3">
      <p className="w-full text-sm font-medium text-brand-800">{ids.length === 1 ? '1 ticket selected' : `${ids.length} tickets selected`}</p>
      <label className="text-sm">
        <span className="block text-slate-600">Set status</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} className={field}>
          <option value="">Keep</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-slate-600">Set priority</span>
        <select value={priority} onChange={(e) => setPriority(e.currentTarget.value)} className={field}>
          <option value="">Keep</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-slate-600">Set assignee</span>
        <select value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} className={`${field} max-w-40`}>
          <option value="">Keep</option>
          <option value="none">Nobody</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-slate-600">Set team</span>
        <select value={team} onChange={(e) => setTeam(e.currentTarget.value)} className={`${field} max-w-40`}>
          <option value="">Keep</option>
          <option value="none">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!chosen || pending}
        onClick={apply}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Applying…' : `Apply to ${ids.length}`}
      </button>
      <p role="alert" className="w-full text-sm text-red-600">
        {error}
      </p>
    </section>
  );
}
