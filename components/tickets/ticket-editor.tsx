'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateTicketAction } from '@/app/w/[slug]/tickets/actions';
import { SecondaryButton, SubmitButton } from '@/components/ui/form-kit';
import type { TicketDetail } from '@/lib/tickets/detail';
import { draftToInput, TicketFields, toLocalInput, type Option, type TicketDraft } from './ticket-fields';

const draftOf = (t: TicketDetail): TicketDraft => ({
  subject: t.subject,
  description: t.description,
  status: t.status,
  priority: t.priority,
  type: t.type,
  assigneeId: t.assignee?.id ?? '',
  teamId: t.team?.id ?? '',
  customer: t.customer,
  dueAt: toLocalInput(t.dueAt),
  tags: t.tags.join(', '),
});

/**
 * The ticket's fields, saved together with the version they were read at. A change by
 * someone else arrives live: it replaces the form while nothing was typed; with unsaved
 * edits the form keeps them and says so (saving then is refused with who changed it).
 */
export function TicketEditor({ workspaceId, ticket, agents, teams }: { workspaceId: string; ticket: TicketDetail; agents: Option[]; teams: Option[] }) {
  const router = useRouter();
  // What the form was last in step with: a version and its values (the server's, or our own save's).
  const [base, setBase] = useState(() => ({ version: ticket.version, draft: draftOf(ticket) }));
  const [draft, setDraft] = useState(base.draft);
  const [stale, setStale] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const dirty = JSON.stringify(draft) !== JSON.stringify(base.draft);

  // The server's ticket moved on (a live refresh, or our own save read back): adopt it unless
  // the agent is mid-edit, in which case say so and keep what they typed.
  if (ticket.version > base.version && !stale) {
    if (dirty) setStale(true);
    else {
      setBase({ version: ticket.version, draft: draftOf(ticket) });
      setDraft(draftOf(ticket));
    }
  } else if (ticket.version === base.version && !dirty && JSON.stringify(draftOf(ticket)) !== JSON.stringify(base.draft)) {
    // Our own save, as the server stored it (tags tidied, a due time rounded).
    setBase({ version: ticket.version, draft: draftOf(ticket) });
    setDraft(draftOf(ticket));
  }

  const save = () =>
    start(async () => {
      const original = draftToInput(base.draft);
      const next = draftToInput(draft);
      // Only what the agent changed is sent: a save never puts back an older value of another field.
      const patch = Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(original[key as keyof typeof original])));
      const result = await updateTicketAction({ workspaceId, ticketId: ticket.id, version: base.version, patch });
      if (!result.ok) return setMessage({ ok: false, text: result.error, fields: result.fieldErrors });
      setBase({ version: result.data.version, draft });
      setMessage({ ok: true, text: 'Saved.' });
      router.refresh();
    });

  const reload = () => {
    setStale(false);
    setBase({ version: ticket.version, draft: draftOf(ticket) });
    setDraft(draftOf(ticket));
    setMessage(null);
  };

  return (
    <form
      aria-label="Ticket fields"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) save();
      }}
    >
      {stale && (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Someone else changed this ticket while you were editing.
          <SecondaryButton onClick={reload}>Show their version</SecondaryButton>
        </div>
      )}
      <TicketFields draft={draft} onChange={setDraft} agents={agents} teams={teams} workspaceId={workspaceId} errors={message?.fields} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save changes
        </SubmitButton>
        <p role="status" className={`text-sm ${message?.ok === false ? 'text-red-600' : 'text-emerald-700'}`}>
          {message?.text ?? ''}
        </p>
      </div>
    </form>
  );
}
