'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { WidgetSettings } from '@/lib/widget/settings';
import { updateWidgetSettingsAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/actions';
import { FormFooter } from '@/components/ui/form-kit';

type State = ActionResult<WidgetSettings> | null;

export function WidgetSettingsForm({ workspaceId, channelId, settings }: { workspaceId: string; channelId: string; settings: WidgetSettings }) {
  const [state, action, pending] = useActionState<State, FormData>((previous, form) => updateWidgetSettingsAction(previous, form), null);
  const values = state?.ok ? state.data : settings;
  const [color, setColor] = useState(values.color);
  const fieldError = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

  return (
    <form action={action} className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="channelId" value={channelId} />
      <div>
        <label htmlFor="widget-title" className="block text-sm font-medium text-slate-700">Title</label>
        <input id="widget-title" name="title" defaultValue={values.title} required maxLength={60} className={input} aria-describedby="widget-title-error" />
        {fieldError('title') && <p id="widget-title-error" className="mt-1 text-sm text-red-600">{fieldError('title')}</p>}
      </div>
      <div>
        <label htmlFor="widget-greeting" className="block text-sm font-medium text-slate-700">Greeting</label>
        <textarea id="widget-greeting" name="greeting" defaultValue={values.greeting} required maxLength={500} rows={3} className={input} aria-describedby="widget-greeting-error" />
        {fieldError('greeting') && <p id="widget-greeting-error" className="mt-1 text-sm text-red-600">{fieldError('greeting')}</p>}
      </div>
      <div className="flex flex-wrap gap-6">
        <div>
          <label htmlFor="widget-color" className="block text-sm font-medium text-slate-700">Colour</label>
          <div className="mt-1 flex items-center gap-2">
            <input id="widget-color" name="color" type="color" value={color} onChange={(e) => setColor(e.target.value)} className="h-10 w-14 rounded border border-slate-300" />
            <span className="font-mono text-sm text-slate-600">{color}</span>
          </div>
          {fieldError('color') && <p className="mt-1 text-sm text-red-600">{fieldError('color')}</p>}
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Position</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="position" value="right" defaultChecked={values.position === 'right'} /> Bottom right
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="position" value="left" defaultChecked={values.position === 'left'} /> Bottom left
            </label>
          </div>
        </fieldset>
      </div>
      <div>
        <label htmlFor="widget-origins" className="block text-sm font-medium text-slate-700">Allowed sites</label>
        <p id="widget-origins-help" className="text-sm text-slate-500">
          One address per line, like <code>https://shop.example.com</code> or <code>https://*.example.com</code>. The chat only appears on these
          sites; leave empty to allow any site.
        </p>
        <textarea
          id="widget-origins"
          name="allowedOrigins"
          defaultValue={values.allowedOrigins.join('\n')}
          rows={3}
          className={`${input} font-mono text-sm`}
          aria-describedby="widget-origins-help widget-origins-error"
        />
        {fieldError('allowedOrigins') && <p id="widget-origins-error" className="mt-1 text-sm text-red-600">{fieldError('allowedOrigins')}</p>}
      </div>
      <FormFooter pending={pending} state={state}>
        Save
      </FormFooter>
    </form>
  );
}
