'use client';

import { useEffect, useState } from 'react';
import { searchTicketCustomersAction } from '@/app/w/[slug]/tickets/actions';
import { SelectField, TextField } from '@/components/ui/form-kit';
import { PRIORITY_LABELS, STATUS_LABELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TYPE_LABELS, type TicketPriority, type TicketStatus, type TicketType } from '@/lib/tickets/labels';

export type Option = { id: string; name: string };

/** A ticket's editable fields as the browser keeps them while editing. */
export type TicketDraft = {
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  assigneeId: string;
  teamId: string;
  customer: Option | null;
  /** A datetime-local value, in the browser's zone. */
  dueAt: string;
  tags: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a datetime-local value in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The draft as the server actions take it. */
export function draftToInput(d: TicketDraft) {
  return {
    subject: d.subject,
    description: d.description,
    status: d.status,
    priority: d.priority,
    type: d.type,
    assigneeId: d.assigneeId || null,
    teamId: d.teamId || null,
    contactId: d.customer?.id ?? null,
    dueAt: d.dueAt ? new Date(d.dueAt).toISOString() : null,
    tags: d.tags,
  };
}

type Props = {
  draft: TicketDraft;
  onChange: (draft: TicketDraft) => void;
  agents: Option[];
  teams: Option[];
  workspaceId: string;
  errors?: Record<string, string[] | undefined>;
  /** Leave out fields the surrounding form sets itself (the customer of a conversation's ticket). */
  without?: ('status' | 'customer')[];
};

/** The fields of a ticket, controlled: the New ticket dialog, the conversation's dialog and the ticket's page. */
export function TicketFields({ draft, onChange, agents, teams, workspaceId, errors, without = [] }: Props) {
  const set = <K extends keyof TicketDraft>(key: K, value: TicketDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField label="Subject" required maxLength={200} value={draft.subject} onValueChange={(v) => set('subject', v)} error={errors?.subject?.[0]} />
      </div>
      <div className="sm:col-span-2">
        <TextField label="Description" multiline rows={3} maxLength={10000} value={draft.description} onValueChange={(v) => set('description', v)} error={errors?.description?.[0]} />
      </div>
      {!without.includes('status') && (
        <SelectField label="Status" value={draft.status} onValueChange={(v) => set('status', v)} choices={TICKET_STATUSES.map((s) => [s, STATUS_LABELS[s]] as const)} />
      )}
      <SelectField label="Priority" value={draft.priority} onValueChange={(v) => set('priority', v)} choices={TICKET_PRIORITIES.map((p) => [p, PRIORITY_LABELS[p]] as const)} />
      <SelectField label="Type" value={draft.type} onValueChange={(v) => set('type', v)} choices={TICKET_TYPES.map((t) => [t, TYPE_LABELS[t]] as const)} />
      <SelectField label="Assignee" value={draft.assigneeId} onValueChange={(v) => set('assigneeId', v)} error={errors?.assigneeId?.[0]}>
        <option value="">Unassigned</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Team" value={draft.teamId} onValueChange={(v) => set('teamId', v)} error={errors?.teamId?.[0]}>
        <option value="">No team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <TextField label="Due" type="datetime-local" value={draft.dueAt} onValueChange={(v) => set('dueAt', v)} error={errors?.dueAt?.[0]} />
      <TextField label="Tags" hint="Separate tags with commas" value={draft.tags} onValueChange={(v) => set('tags', v)} error={errors?.tags?.[0]} />
      {!without.includes('customer') && (
        <div className="sm:col-span-2">
          <CustomerPicker workspaceId={workspaceId} value={draft.customer} onChange={(c) => set('customer', c)} />
        </div>
      )}
    </div>
  );
}

/** Finds a customer by name; the chosen one shows with a way to remove it. */
function CustomerPicker({ workspaceId, value, onChange }: { workspaceId: string; value: Option | null; onChange: (c: Option | null) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Option[]>([]);
  useEffect(() => {
    if (!q.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      void searchTicketCustomersAction({ workspaceId, q }).then((r) => live && r.ok && setFound(r.data));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, workspaceId]);
  if (value) {
    return (
      <div className="text-sm">
        <span className="block font-medium text-slate-700">Customer</span>
        <span className="mt-1 inline-flex items-center gap-2 rounded-md bg-slate-100 px-2 py-1">
          {value.name}
          <button type="button" onClick={() => onChange(null)} className="text-xs text-brand-700 hover:underline" aria-label={`Remove the customer ${value.name}`}>
            Remove
          </button>
        </span>
      </div>
    );
  }
  return (
    <div>
      <TextField label="Customer" type="search" placeholder="Find a customer by name" value={q} onValueChange={setQ} />
      {q.trim() !== '' && (
        <ul aria-label="Matching customers" className="mt-1 max-h-40 overflow-y-auto rounded-md border border-slate-200 text-sm">
          {found.length === 0 ? (
            <li className="px-2 py-1.5 text-slate-500">No customer matches</li>
          ) : (
            found.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => onChange(c)} className="block w-full px-2 py-1.5 text-left hover:bg-slate-50">
                  {c.name}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
