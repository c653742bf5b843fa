'use client';

import { useState } from 'react';
import { saveMailSettingsAction } from '@/app/w/[slug]/settings/email/actions';
import { FormFooter, SealedSecretField, SelectField, TextField, useActionForm } from '@/components/ui/form-kit';
import { SMTP_SECURITY_LABELS, type MailSettingsView } from '@/lib/mail/settings-shape';

const SECURITY_CHOICES = (Object.keys(SMTP_SECURITY_LABELS) as (keyof typeof SMTP_SECURITY_LABELS)[]).map((k) => [k, SMTP_SECURITY_LABELS[k]] as const);

/**
 * The shop's SMTP server. The password is write-only: the page knows only whether one is
 * stored ("set"), an empty field keeps it, text replaces it, and "Remove" clears it.
 */
export function MailSettingsForm({ workspaceId, settings }: { workspaceId: string; settings: MailSettingsView | null }) {
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveMailSettingsAction, {
    onSuccess: () => {
      setPassword('');
      setClearPassword(false);
    },
  });
  const values = state?.ok ? state.data : settings;
  const passwordSet = values?.passwordSet ?? false;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Email (SMTP) settings" className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <TextField label="SMTP host" name="host" required maxLength={253} defaultValue={values?.host ?? ''} placeholder="smtp.example.com" error={fieldError('host')} autoComplete="off" />
        <TextField label="Port" name="port" required type="number" inputMode="numeric" min={1} max={65535} defaultValue={values?.port ?? 587} error={fieldError('port')} />
      </div>
      <SelectField label="Security" name="security" defaultValue={values?.security ?? 'starttls'} choices={SECURITY_CHOICES} error={fieldError('security')} />
      <TextField label="User name" name="username" maxLength={200} defaultValue={values?.username ?? ''} error={fieldError('username')} autoComplete="off" hint="Leave empty when the server needs no login." />
      <SealedSecretField
        label="Password"
        name="password"
        clearName="clearPassword"
        noun="password"
        isSet={passwordSet}
        value={password}
        onValueChange={setPassword}
        clear={clearPassword}
        onClearChange={setClearPassword}
        error={fieldError('password')}
        testId="smtp-password-set"
      />
      <TextField
        label="From address"
        name="fromAddress"
        type="email"
        required
        maxLength={254}
        defaultValue={values?.fromAddress ?? ''}
        placeholder="help@yourshop.com"
        error={fieldError('fromAddress')}
        hint="Emails are sent from this address with your shop's name as the sender."
      />
      <FormFooter pending={pending} state={state}>
        Save email settings
      </FormFooter>
    </form>
  );
}
