'use client';

import { sendTestEmailAction } from '@/app/w/[slug]/settings/email/actions';
import { FormFooter, TextField, useActionForm } from '@/components/ui/form-kit';

/** Sends a test through the saved SMTP settings, to the admin's address unless another is typed. */
export function TestEmailForm({ workspaceId, defaultTo, configured }: { workspaceId: string; defaultTo: string; configured: boolean }) {
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(sendTestEmailAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-labelledby="test-email-heading" className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField label="Send to" name="to" type="email" required maxLength={254} defaultValue={defaultTo} error={fieldError('to')} />
      {!configured && !state && <p className="text-sm text-slate-600">Save the email settings above first.</p>}
      <FormFooter pending={pending} pendingText="Sending…" state={state} success={(d) => `Test email sent to ${d.to}.`}>
        Send test email
      </FormFooter>
    </form>
  );
}
