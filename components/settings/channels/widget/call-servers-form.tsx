'use client';

import { useState } from 'react';
import { saveCallSettingsAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/actions';
import { FormFooter, SealedSecretField, SelectField, TextField, useActionForm } from '@/components/ui/form-kit';
import type { CallSettingsView, TurnAuth } from '@/lib/calls/settings-shape';

const TURN_AUTH_CHOICES = [
  ['shared_secret', 'A shared secret: each call gets its own user name and password, valid 12 hours'],
  ['password', 'One user name and password for everyone'],
] as const;

/**
 * The workspace's STUN/TURN servers for calls. The TURN password (or shared secret) is
 * write-only: the page knows only whether one is stored, an empty field keeps it, text
 * replaces it.
 */
export function CallServersForm({ workspaceId, settings }: { workspaceId: string; settings: CallSettingsView }) {
  const [credential, setCredential] = useState('');
  const [clear, setClear] = useState(false);
  const [auth, setAuth] = useState<TurnAuth>(settings.turnAuth);
  const secret = auth === 'shared_secret';
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveCallSettingsAction, {
    onSuccess: () => {
      setCredential('');
      setClear(false);
    },
  });
  const values = state?.ok ? state.data : settings;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Call servers" className="mt-8 max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div>
        <h2 className="font-semibold">Call servers</h2>
        <p className="mt-1 text-sm text-slate-600">
          For all your website chats. None are needed when agents and visitors share a network; across the internet a STUN server finds each side’s public address, and a TURN server relays calls through strict firewalls.
        </p>
      </div>
      <TextField label="STUN servers" name="stunUrls" multiline rows={2} defaultValue={values.stunUrls.join('\n')} placeholder="stun:stun.example.com:3478" error={fieldError('stunUrls')} hint="One per line." />
      <TextField label="TURN servers" name="turnUrls" multiline rows={2} defaultValue={values.turnUrls.join('\n')} placeholder="turn:turn.example.com:3478?transport=udp" error={fieldError('turnUrls')} hint="One per line." />
      <SelectField
        label="How the TURN server checks callers"
        name="turnAuth"
        value={auth}
        onValueChange={setAuth}
        choices={TURN_AUTH_CHOICES}
        hint={
          secret
            ? 'The secret your TURN server shares with Baton (coturn: use-auth-secret and static-auth-secret). A visitor’s browser only ever sees its own call’s pair, which stops working after 12 hours.'
            : 'Every visitor’s browser receives this user name and password during a call: anyone could reuse them. Prefer a shared secret when your TURN server supports it.'
        }
      />
      {!secret && <TextField label="TURN user name" name="turnUsername" maxLength={200} defaultValue={values.turnUsername} autoComplete="off" error={fieldError('turnUsername')} />}
      <SealedSecretField
        label={secret ? 'TURN shared secret' : 'TURN password'}
        name="turnCredential"
        clearName="clearTurnCredential"
        noun={secret ? 'secret' : 'password'}
        isSet={values.turnCredentialSet && auth === values.turnAuth}
        value={credential}
        onValueChange={setCredential}
        clear={clear}
        onClearChange={setClear}
        error={fieldError('turnCredential')}
        hint={values.turnCredentialSet && auth !== values.turnAuth ? `Saving this way of checking removes the stored ${secret ? 'password' : 'secret'}: type the ${secret ? 'secret' : 'password'} to use.` : undefined}
        testId="turn-password-set"
      />
      <FormFooter pending={pending} state={state}>
        Save call servers
      </FormFooter>
    </form>
  );
}
