'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { updateWorkspaceSettingsAction } from '@/app/w/[slug]/settings/actions';
import { FormFooter } from '@/components/ui/form-kit';

type Settings = { name: string; routingMode: 'manual' | 'automatic'; timezone: string };
type State = ActionResult<Settings> | null;

export function GeneralSettingsForm({
  workspaceId,
  settings,
  timezones,
  routingStatus,
}: {
  workspaceId: string;
  settings: Settings;
  timezones: string[];
  /** Who takes new requests now, or why nobody does (kept current on its own). */
  routingStatus?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<State, FormData>(
    (previous, form) => updateWorkspaceSettingsAction(previous, form),
    null,
  );
  const fieldError = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const values = state?.ok ? state.data : settings;

  return (
    <form action={action} className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div>
        <label htmlFor="name" className="block text-sm font-medium text-slate-700">Shop name</label>
        <input id="name" name="name" defaultValue={values.name} required maxLength={80} aria-invalid={Boolean(fieldError('name'))} aria-describedby="name-error"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {fieldError('name') && <p id="name-error" className="mt-1 text-sm text-red-600">{fieldError('name')}</p>}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Routing</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-start gap-2">
            <input type="radio" name="routingMode" value="manual" defaultChecked={values.routingMode === 'manual'} className="mt-1" />
            <span><strong>Manual</strong>: requests are shared; the first agent to reply takes the conversation.</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="routingMode" value="automatic" defaultChecked={values.routingMode === 'automatic'} className="mt-1" />
            <span><strong>Automatic</strong>: each new request is assigned to an available agent.</span>
          </label>
        </div>
        {routingStatus}
      </fieldset>
      <div>
        <label htmlFor="timezone" className="block text-sm font-medium text-slate-700">Shop time zone</label>
        <p id="timezone-hint" className="mt-1 text-sm text-slate-600">
          The shop&apos;s clock: business hours and the &ldquo;Tomorrow, 9:00&rdquo; reminders follow it. Each person sees
          times in their own zone, chosen on their profile.
        </p>
        <select id="timezone" name="timezone" defaultValue={values.timezone} aria-describedby="timezone-hint" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
          {timezones.map((tz) => (
            <option key={tz} value={tz}>{tz}</option>
          ))}
        </select>
        {fieldError('timezone') && <p className="mt-1 text-sm text-red-600">{fieldError('timezone')}</p>}
      </div>
      <FormFooter pending={pending} state={state}>
        Save
      </FormFooter>
    </form>
  );
}
