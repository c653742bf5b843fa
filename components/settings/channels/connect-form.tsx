'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { connectChannelAction } from '@/app/w/[slug]/settings/channels/actions';

type Kind = 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'web';
type State = ActionResult<{ id: string; kind: string; name: string }> | null;

const fields: Record<Kind, { name: string; label: string; hint?: string; secret?: boolean }[]> = {
  facebook: [
    { name: 'externalId', label: 'Page ID', hint: 'Facebook Page → About → Page ID' },
    { name: 'appSecret', label: 'App secret', hint: 'Meta app → Settings → Basic', secret: true },
    { name: 'pageAccessToken', label: 'Page access token', hint: 'Messenger settings → Access tokens', secret: true },
  ],
  instagram: [
    { name: 'externalId', label: 'Instagram account ID', hint: 'Meta app → Instagram → API setup (the professional account linked to your Page)' },
    { name: 'appSecret', label: 'App secret', hint: 'Meta app → Settings → Basic (it signs the webhooks)', secret: true },
    { name: 'accessToken', label: 'Access token', hint: 'The linked Page’s access token, or the Instagram account’s token', secret: true },
  ],
  whatsapp: [
    { name: 'externalId', label: 'Phone number ID', hint: 'WhatsApp Manager → API setup' },
    { name: 'displayPhoneNumber', label: 'Display phone number' },
    { name: 'appSecret', label: 'App secret', secret: true },
    { name: 'accessToken', label: 'Access token (system user)', secret: true },
  ],
  line: [
    { name: 'externalId', label: 'Bot user ID', hint: 'LINE Developers → Basic settings → Your user ID (U…)' },
    { name: 'channelSecret', label: 'Channel secret', secret: true },
    { name: 'channelAccessToken', label: 'Channel access token (long-lived)', secret: true },
  ],
  web: [],
};

const kindLabels: Record<Kind, string> = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', web: 'Website chat' };

export function ConnectChannelForm({ workspaceId }: { workspaceId: string }) {
  const [kind, setKind] = useState<Kind>('facebook');
  const [state, action, pending] = useActionState<State, FormData>((prev, form) => connectChannelAction(prev, form), null);
  const error = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);

  return (
    <form action={action} className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" aria-label="Connect a channel">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Channel</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {(Object.keys(kindLabels) as Kind[]).map((k) => (
            <label key={k} className={`cursor-pointer rounded-full border px-3 py-1 text-sm ${k === kind ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-slate-300'}`}>
              <input type="radio" name="kind" value={k} checked={k === kind} onChange={() => setKind(k)} className="sr-only" />
              {kindLabels[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="channel-name" className="block text-sm font-medium text-slate-700">Name</label>
        <input id="channel-name" name="name" required maxLength={80} placeholder={`Our ${kindLabels[kind]}`} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {error('name') && <p className="mt-1 text-sm text-red-600">{error('name')}</p>}
      </div>
      {fields[kind].map((f) => (
        <div key={`${kind}-${f.name}`}>
          <label htmlFor={`f-${f.name}`} className="block text-sm font-medium text-slate-700">{f.label}</label>
          <input
            id={`f-${f.name}`}
            name={f.name}
            type={f.secret ? 'password' : 'text'}
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          {f.hint && <p className="mt-1 text-xs text-slate-500">{f.hint}</p>}
          {error(f.name) && <p className="mt-1 text-sm text-red-600">{error(f.name)}</p>}
        </div>
      ))}
      {kind !== 'web' && <p className="text-xs text-slate-500">Secrets are encrypted and never shown again. You can replace them later.</p>}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Connecting…' : 'Connect'}
        </button>
        <p role="status" className={`text-sm ${state && !state.ok ? 'text-red-600' : 'text-emerald-700'}`}>
          {state ? (state.ok ? `Connected ${state.data.name}.` : state.error) : ''}
        </p>
      </div>
    </form>
  );
}
