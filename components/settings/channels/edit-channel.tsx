'use client';

import { useState, useTransition } from 'react';
import { disconnectChannelAction, editChannelAction } from '@/app/w/[slug]/settings/channels/actions';

type Field = { name: string; label: string };

// The secrets each kind stores, as the connect form names them; blank keeps the stored one.
const SECRET_FIELDS: Record<string, Field[]> = {
  facebook: [
    { name: 'appSecret', label: 'App secret' },
    { name: 'pageAccessToken', label: 'Page access token' },
  ],
  instagram: [
    { name: 'appSecret', label: 'App secret' },
    { name: 'accessToken', label: 'Access token' },
  ],
  whatsapp: [
    { name: 'appSecret', label: 'App secret' },
    { name: 'accessToken', label: 'Access token (system user)' },
  ],
  line: [
    { name: 'channelSecret', label: 'Channel secret' },
    { name: 'channelAccessToken', label: 'Channel access token (long-lived)' },
  ],
  x: [
    { name: 'consumerKey', label: 'API key (consumer key)' },
    { name: 'consumerSecret', label: 'API key secret (consumer secret)' },
    { name: 'accessToken', label: 'OAuth 2.0 user access token' },
  ],
  apple: [
    { name: 'mspId', label: 'MSP ID' },
    { name: 'secret', label: 'Secret passphrase' },
  ],
};

/** "App secret" → "app secret", but an acronym stays as written ("API key", "OAuth"). */
const lowerFirst = (label: string) => (/^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);

/** Rename a channel and replace its secrets; a disconnected channel is reconnected by entering them all. */
export function EditChannelForm(props: { workspaceId: string; channelId: string; kind: string; name: string; disconnected: boolean }) {
  const [name, setName] = useState(props.name);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, start] = useTransition();
  const fields = SECRET_FIELDS[props.kind] ?? [];

  return (
    <form
      aria-label="Edit channel"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await editChannelAction({ workspaceId: props.workspaceId, channelId: props.channelId, name, ...secrets });
          setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
          setMessage(r.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: r.error });
          if (r.ok) setSecrets({});
        });
      }}
    >
      <div>
        <label htmlFor="edit-name" className="block text-sm font-medium text-slate-700">Name</label>
        <input id="edit-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {errors.name && <p className="mt-1 text-sm text-red-600">{errors.name[0]}</p>}
      </div>
      {fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={`edit-${f.name}`} className="block text-sm font-medium text-slate-700">
            {props.disconnected ? f.label : `New ${lowerFirst(f.label)}`}
          </label>
          <input
            id={`edit-${f.name}`}
            type="password"
            autoComplete="off"
            value={secrets[f.name] ?? ''}
            onChange={(e) => setSecrets((s) => ({ ...s, [f.name]: e.target.value }))}
            placeholder={props.disconnected ? '' : 'Leave blank to keep the current one'}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          {errors[f.name] && <p className="mt-1 text-sm text-red-600">{errors[f.name]![0]}</p>}
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Saving…' : props.disconnected ? 'Reconnect' : 'Save changes'}
        </button>
        <p role="status" className={`text-sm ${message?.ok ? 'text-emerald-700' : 'text-red-600'}`}>
          {message?.text ?? ''}
        </p>
      </div>
    </form>
  );
}

/** Forgets the channel's secrets and stops it; its conversations stay. Asks once before doing it. */
export function DisconnectChannelButton({ workspaceId, channelId }: { workspaceId: string; channelId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
        Disconnect
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm disconnect" className="flex flex-wrap items-center gap-2 text-sm">
      <span>Forget this channel&apos;s secrets? It stops receiving and sending; its conversations stay.</span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await disconnectChannelAction({ workspaceId, channelId });
            if (r.ok) setConfirming(false);
            setError(r.ok ? null : r.error);
          })
        }
        className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? 'Disconnecting…' : 'Yes, disconnect'}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
        Cancel
      </button>
      {error && <span role="status" className="text-red-600">{error}</span>}
    </div>
  );
}
