'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { HAND_OFF_TEXT_MAX, type HandOffMessageSettings } from '@/lib/hand-off/settings';
import { updateHandOffMessageAction } from '@/app/w/[slug]/settings/actions';
import { FormFooter } from '@/components/ui/form-kit';

type State = ActionResult<HandOffMessageSettings> | null;

/** What the bot tells a customer it hands to the team: on or off, the words, and whether to add the expected wait. */
export function HandOffMessageForm({ workspaceId, settings }: { workspaceId: string; settings: HandOffMessageSettings }) {
  const [state, action, pending] = useActionState<State, FormData>((previous, form) => updateHandOffMessageAction(previous, form), null);
  const values = state?.ok ? state.data : settings;
  const fieldError = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);

  return (
    <form action={action} aria-labelledby="hand-off-heading" className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={values.enabled} className="mt-1" />
        <span>
          <strong>Tell the customer</strong> when the bot hands them to your team (they asked for a person, the bot could not help, or the flow
          ended). A flow&apos;s hand-off step that has its own message sends that instead.
        </span>
      </label>
      <div>
        <label htmlFor="hand-off-text" className="block text-sm font-medium text-slate-700">Hand-off message</label>
        <textarea
          id="hand-off-text"
          name="text"
          defaultValue={values.text}
          required
          maxLength={HAND_OFF_TEXT_MAX}
          rows={3}
          aria-invalid={Boolean(fieldError('text'))}
          aria-describedby="hand-off-text-error"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {fieldError('text') && <p id="hand-off-text-error" className="mt-1 text-sm text-red-600">{fieldError('text')}</p>}
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="includeWait" defaultChecked={values.includeWait} className="mt-1" />
        <span>
          <strong>Add the expected wait</strong>, e.g. &ldquo;Expected wait: about 5 minutes.&rdquo;, estimated from how fast your team answered
          hand-offs in the last two weeks and how many requests wait. Left out while there is too little to go on or nobody is available.
        </span>
      </label>
      <FormFooter pending={pending} state={state}>
        Save hand-off message
      </FormFooter>
    </form>
  );
}
