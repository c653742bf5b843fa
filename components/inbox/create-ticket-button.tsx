'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { createTicketFromConversationAction, ticketDraftAction } from '@/app/w/[slug]/tickets/actions';
import { SecondaryButton, SubmitButton } from '@/components/ui/form-kit';
import { draftToInput, TicketFields, type Option, type TicketDraft } from '@/components/tickets/ticket-fields';
import type { TicketDraft as ConversationDraft } from '@/lib/tickets/create-from-conversation';

const empty: TicketDraft = { subject: '', description: '', status: 'open', priority: 'normal', type: 'question', assigneeId: '', teamId: '', customer: null, dueAt: '', tags: '' };

/**
 * "Create ticket" in the conversation: the subject comes from the customer's last message,
 * every message is linked unless the agent unticks some, and it is assigned to the agent
 * unless they choose someone else or a team. The conversation's history says it was created.
 */
export function CreateTicketButton({ workspaceId, slug, conversationId, me, agents, teams }: { workspaceId: string; slug: string; conversationId: string; me: string; agents: Option[]; teams: Option[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [draft, setDraft] = useState<TicketDraft>(empty);
  const [messages, setMessages] = useState<ConversationDraft['messages'] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [pending, start] = useTransition();

  const open = () => {
    setError(null);
    setMessages(null);
    dialog.current?.showModal();
    start(async () => {
      const result = await ticketDraftAction({ workspaceId, conversationId });
      if (!result.ok) return setError({ message: result.error });
      setDraft({ ...empty, subject: result.data.subject, assigneeId: me });
      setMessages(result.data.messages);
      setChosen(new Set(result.data.messages.map((m) => m.id)));
    });
  };

  const submit = () =>
    start(async () => {
      const { contactId: _customerOfConversation, ...fields } = draftToInput(draft);
      const result = await createTicketFromConversationAction({
        workspaceId,
        conversationId,
        ...fields,
        messageIds: messages ? messages.filter((m) => chosen.has(m.id)).map((m) => m.id) : undefined,
      });
      if (!result.ok) return setError({ message: result.error, fields: result.fieldErrors });
      dialog.current?.close();
      setCreated(result.data.number);
      router.refresh();
    });

  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <button type="button" onClick={open} className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
        Create ticket
      </button>
      <span role="status" className="text-xs text-emerald-700">
        {created !== null && (
          <>
            Ticket{' '}
            <Link href={`/w/${slug}/tickets/${created}`} className="font-medium underline">
              #{created}
            </Link>{' '}
            created
          </>
        )}
      </span>
      <dialog ref={dialog} aria-labelledby={`ticket-${conversationId}`} className="w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form
          className="max-h-[90dvh] space-y-4 overflow-y-auto p-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!pending && messages) submit();
          }}
        >
          <h2 id={`ticket-${conversationId}`} className="text-lg font-semibold">
            Create a ticket
          </h2>
          {messages === null ? (
            <p role="status" className="text-sm text-slate-500">
              {error ? '' : 'Loading the conversation…'}
            </p>
          ) : (
            <>
              <TicketFields draft={draft} onChange={setDraft} agents={agents} teams={teams} workspaceId={workspaceId} errors={error?.fields} without={['status', 'customer']} />
              <fieldset>
                <legend className="text-sm font-medium text-slate-700">
                  Messages to link ({chosen.size} of {messages.length})
                </legend>
                {messages.length === 0 ? (
                  <p className="mt-1 text-sm text-slate-500">This conversation has no messages yet.</p>
                ) : (
                  <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
                    {messages.map((m) => (
                      <li key={m.id}>
                        <label className="flex items-start gap-2 text-sm">
                          <input type="checkbox" className="mt-0.5" checked={chosen.has(m.id)} onChange={(e) => toggle(m.id, e.currentTarget.checked)} />
                          <span className="min-w-0 break-words">
                            <span className="text-xs text-slate-500">{m.fromCustomer ? 'Customer' : 'Shop'}: </span>
                            {m.preview || '(no text)'}
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              </fieldset>
            </>
          )}
          <p role="alert" className="text-sm text-red-600">
            {error?.message ?? ''}
          </p>
          <div className="flex justify-end gap-2">
            <SecondaryButton onClick={() => dialog.current?.close()}>Cancel</SecondaryButton>
            <SubmitButton pending={pending && messages !== null} pendingText="Creating…">
              Create ticket
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
