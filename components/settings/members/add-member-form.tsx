'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { addMemberAction, type InviteLink } from '@/app/w/[slug]/settings/members/actions';
import { InviteLinkBox } from './invite-link';
import { FormFooter } from '@/components/ui/form-kit';

type Added = { userId: string; name: string; email: string; invite: InviteLink };
type State = ActionResult<Added> | null;

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

export function AddMemberForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useActionState<State, FormData>((previous, form) => addMemberAction(previous, form), null);
  const fieldError = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <div className="mt-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <h2 className="font-medium">Add an agent</h2>
      <form action={action} className="mt-3 grid gap-4 sm:grid-cols-2" aria-label="Add an agent">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <div>
          <label htmlFor="member-email" className="block text-sm font-medium text-slate-700">Email</label>
          <input id="member-email" name="email" type="email" required maxLength={254} autoComplete="off" className={input}
            aria-invalid={Boolean(fieldError('email'))} aria-describedby="member-email-error" />
          {fieldError('email') && <p id="member-email-error" className="mt-1 text-sm text-red-600">{fieldError('email')}</p>}
        </div>
        <div>
          <label htmlFor="member-name" className="block text-sm font-medium text-slate-700">Name</label>
          <input id="member-name" name="name" required maxLength={80} autoComplete="off" className={input}
            aria-invalid={Boolean(fieldError('name'))} aria-describedby="member-name-error" />
          {fieldError('name') && <p id="member-name-error" className="mt-1 text-sm text-red-600">{fieldError('name')}</p>}
        </div>
        <div>
          <label htmlFor="member-role" className="block text-sm font-medium text-slate-700">Role</label>
          <select id="member-role" name="role" defaultValue="agent" className={input}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <div>
          <label htmlFor="member-capacity" className="block text-sm font-medium text-slate-700">Capacity</label>
          <input id="member-capacity" name="capacity" type="number" min={0} max={100} defaultValue={10} required className={input}
            aria-invalid={Boolean(fieldError('capacity'))} aria-describedby="member-capacity-hint" />
          <p id="member-capacity-hint" className={`mt-1 text-xs ${fieldError('capacity') ? 'text-red-600' : 'text-slate-500'}`}>
            {fieldError('capacity') ?? 'Most open conversations automatic routing gives them at once.'}
          </p>
        </div>
        <FormFooter pending={pending} state={state} pendingText="Adding…" success={(added) => `${added.name} was added.`} className="sm:col-span-2">
          Add agent
        </FormFooter>
      </form>
      {state?.ok && <InviteLinkBox name={state.data.name} invite={state.data.invite} />}
    </div>
  );
}
