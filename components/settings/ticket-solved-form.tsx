'use client';

import { updateTicketSolvedMessageAction } from '@/app/w/[slug]/tickets/actions';
import { CheckboxField, FormFooter, SelectField, TextField, useActionForm } from '@/components/ui/form-kit';
import { TICKET_SOLVED_TEXT_MAX, type TicketSolvedMessageSettings } from '@/lib/tickets/solved-message-settings';

type Template = { id: string; name: string; language: string; body: string };

/** What the customer is told when a ticket from their conversation is solved: on or off, the words, WhatsApp's template. */
export function TicketSolvedForm({ workspaceId, settings, templates }: { workspaceId: string; settings: TicketSolvedMessageSettings; templates: Template[] }) {
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(updateTicketSolvedMessageAction);
  const values = state?.ok ? state.data : settings;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-labelledby="ticket-solved-heading" className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <CheckboxField name="enabled" defaultChecked={values.enabled} label={<strong>Tell the customer when their ticket is solved</strong>} />
      <TextField
        label="Solved message"
        name="text"
        multiline
        rows={3}
        required
        maxLength={TICKET_SOLVED_TEXT_MAX}
        defaultValue={values.text}
        error={fieldError('text')}
        hint="{name} is the customer's name, {ticket} the ticket's number (#12), {subject} its subject. Sent in the conversation the ticket came from, while the channel allows an automated message."
      />
      <SelectField label="WhatsApp template after 24 h" name="templateId" defaultValue={values.templateId ?? ''} error={fieldError('templateId')} hint="WhatsApp only delivers approved templates once 24 h have passed since the customer wrote. Its parameters are filled with the name, the ticket and the subject, in that order.">
        <option value="">None: tell nobody, and say why in the ticket&apos;s history</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.language})
          </option>
        ))}
      </SelectField>
      <FormFooter pending={pending} state={state}>
        Save solved message
      </FormFooter>
    </form>
  );
}
