'use client';

import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { createTicketAction } from '@/app/w/[slug]/tickets/actions';
import { SecondaryButton, SubmitButton } from '@/components/ui/form-kit';
import { draftToInput, TicketFields, type Option, type TicketDraft } from './ticket-fields';

const empty: TicketDraft = { subject: '', description: '', status: 'open', priority: 'normal', type: 'question', assigneeId: '', teamId: '', customer: null, dueAt: '', tags: '' };

/** "New ticket" on the Tickets page: a ticket by hand, opened on its own page once created. */
export function NewTicketDialog({ workspaceId, basePath, agents, teams, me }: { workspaceId: string; basePath: string; agents: Option[]; teams: Option[]; me: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [draft, setDraft] = useState<TicketDraft>({ ...empty, assigneeId: me });
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const submit = () =>
    start(async () => {
      const result = await createTicketAction({ workspaceId, ...draftToInput(draft) });
      if (!result.ok) return setError({ message: result.error, fields: result.fieldErrors });
      dialog.current?.close();
      setDraft({ ...empty, assigneeId: me });
      router.push(`${basePath}/${result.data.number}`);
    });
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        <Plus aria-hidden className="h-4 w-4" /> New ticket
      </button>
      <dialog ref={dialog} aria-labelledby="new-ticket-title" className="w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form
          className="max-h-[90dvh] space-y-4 overflow-y-auto p-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!pending) submit();
          }}
        >
          <h2 id="new-ticket-title" className="text-lg font-semibold">
            New ticket
          </h2>
          <TicketFields draft={draft} onChange={setDraft} agents={agents} teams={teams} workspaceId={workspaceId} errors={error?.fields} without={['status']} />
          <p role="alert" className="text-sm text-red-600">
            {error?.message ?? ''}
          </p>
          <div className="flex justify-end gap-2">
            <SecondaryButton onClick={() => dialog.current?.close()}>Cancel</SecondaryButton>
            <SubmitButton pending={pending} pendingText="Creating…">
              Create ticket
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
