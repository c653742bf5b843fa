'use client';

import { useActionState, useState } from 'react';
import { CircleDollarSign } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import { connectChannelAction } from '@/app/w/[slug]/settings/channels/actions';
import { AppleApprovalNote } from './apple-approval-note';

type Kind = 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'x' | 'apple' | 'web';
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
  x: [
    { name: 'externalId', label: 'Account user ID', hint: 'The numeric id of the X account customers write to (developer portal → your app → Keys and tokens)' },
    { name: 'consumerKey', label: 'API key (consumer key)', hint: 'Developer portal → your app → Keys and tokens', secret: true },
    { name: 'consumerSecret', label: 'API key secret (consumer secret)', hint: 'It answers X’s CRC check and signs the webhooks', secret: true },
    {
      name: 'accessToken',
      label: 'OAuth 2.0 user access token',
      hint: 'The account’s token with the scopes dm.read dm.write tweet.read users.read media.write',
      secret: true,
    },
  ],
  apple: [
    { name: 'externalId', label: 'Business ID', hint: 'Apple Business Register → Messages for Business → your business account (a UUID)' },
    { name: 'mspId', label: 'MSP ID', hint: 'Apple Business Register → your messaging service provider account (a UUID)' },
    { name: 'secret', label: 'Secret passphrase', hint: 'As Apple Business Register shows it (base64): it checks Apple’s messages and signs ours', secret: true },
  ],
  web: [],
};

const kindLabels: Record<Kind, string> = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', x: 'X', apple: 'Apple Messages', web: 'Website chat' };

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
      {kind === 'x' && <XPricingNote />}
      {kind === 'apple' && <AppleApprovalNote />}
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

/** X charges for the API behind DMs: said before the shop connects, not discovered on the bill. */
export function XPricingNote() {
  return (
    <div role="note" aria-label="X pricing" className="flex gap-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <CircleDollarSign className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <p>
        X direct messages arrive through X&apos;s Account Activity API, which needs a paid X API plan: on the self-serve Pro plan it
        costs US$5,000 a month for one subscription and one webhook (Enterprise plans are priced by X). X also plans to replace it with
        its newer Activity API, and new encrypted X Chat messages cannot be read this way. Check your X plan before connecting.
      </p>
    </div>
  );
}
