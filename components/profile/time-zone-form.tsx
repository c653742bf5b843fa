'use client';

import { useActionState } from 'react';
import { useBrowserTimeZone, useTimeZone } from '@/components/time/time-zone';
import type { ActionResult } from '@/lib/auth/action-core';
import { zoneLabel } from '@/lib/time/format';
import { updateTimeZoneAction } from '@/app/w/[slug]/profile/actions';

type State = ActionResult<{ timeZone: string | null }> | null;

/**
 * Which zone every time in Baton is shown in for this person: their browser's (the
 * default, follows them when they travel) or one they choose. The shop's own zone is
 * named because shop-time rules (business hours, "tomorrow 9:00" reminders) use it.
 */
export function TimeZoneForm({ workspaceId, timeZone, zones }: { workspaceId: string; timeZone: string | null; zones: string[] }) {
  const [state, action, pending] = useActionState<State, FormData>((previous, form) => updateTimeZoneAction(previous, form), null);
  const browser = useBrowserTimeZone();
  const { shop } = useTimeZone();
  const saved = state?.ok ? state.data.timeZone : timeZone;
  const error = state && !state.ok ? (state.fieldErrors?.timeZone?.[0] ?? state.error) : null;
  return (
    <form action={action} className="mt-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" aria-label="Time zone">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label htmlFor="profile-time-zone" className="block text-sm font-medium text-slate-700">
        Time zone
      </label>
      <p id="profile-time-zone-hint" className="mt-1 text-sm text-slate-600">
        Every time in Baton (inbox, orders, reminders, exports) is shown in this zone. The shop&apos;s business hours and
        reminder presets use the shop&apos;s zone, {zoneLabel(shop)}.
      </p>
      <select
        id="profile-time-zone"
        name="timeZone"
        key={saved ?? ''}
        defaultValue={saved ?? ''}
        aria-describedby="profile-time-zone-hint"
        aria-invalid={Boolean(error)}
        className="mt-2 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
      >
        <option value="">{browser ? `This browser’s time zone (${browser.replace(/_/g, ' ')})` : 'This browser’s time zone'}</option>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save time zone'}
        </button>
        <p role="status" className={`text-sm ${error ? 'text-red-600' : 'text-emerald-700'}`}>
          {error ?? (state?.ok ? `Saved. Times show in ${state.data.timeZone ? zoneLabel(state.data.timeZone) : 'this browser’s time zone'}.` : '')}
        </p>
      </div>
    </form>
  );
}
