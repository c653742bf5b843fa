'use client';

import { useActionState, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { regenerateInviteAction, setMemberActiveAction, updateMemberAction, type InviteLink } from '@/app/w/[slug]/settings/members/actions';
import { InviteLinkBox } from './invite-link';

type Member = { userId: string; name: string; role: 'admin' | 'agent'; capacity: number; active: boolean; open: number; invitePending: boolean };
type Updated = { userId: string; role: 'admin' | 'agent'; capacity: number };

/** Role and capacity of one member, saved together. */
export function MemberSettingsForm({ workspaceId, member, isSelf }: { workspaceId: string; member: Member; isSelf: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<Updated> | null, FormData>((previous, form) => updateMemberAction(previous, form), null);
  const id = member.userId.slice(0, 8);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Role and capacity of ${member.name}`}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={member.userId} />
      <div>
        <label htmlFor={`role-${id}`} className="block text-xs text-slate-500">Role</label>
        <select id={`role-${id}`} name="role" defaultValue={member.role} disabled={isSelf} aria-label={`Role of ${member.name}`}
          className="mt-0.5 rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50">
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </select>
        {/* A disabled select is not submitted: keep the current role. */}
        {isSelf && <input type="hidden" name="role" value={member.role} />}
      </div>
      <div>
        <label htmlFor={`capacity-${id}`} className="block text-xs text-slate-500">Capacity</label>
        <input id={`capacity-${id}`} name="capacity" type="number" min={0} max={100} defaultValue={member.capacity} required aria-label={`Capacity of ${member.name}`}
          className="mt-0.5 w-20 rounded-md border border-slate-300 px-2 py-1 text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save'}
      </button>
      <p role="status" className={`w-full text-xs ${state && !state.ok ? 'text-red-600' : 'text-emerald-700'}`}>
        {state ? (state.ok ? 'Saved.' : state.error) : ''}
      </p>
    </form>
  );
}

/** Deactivate (open conversations back to Requests) or reactivate; a new invite link while they have no password. */
export function MemberActions({ workspaceId, member, isSelf }: { workspaceId: string; member: Member; isSelf: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [invite, setInvite] = useState<InviteLink | null>(null);

  const toggle = () =>
    start(async () => {
      if (member.active) {
        const open = member.open === 1 ? 'Their open conversation goes' : `Their ${member.open} open conversations go`;
        if (!window.confirm(`Deactivate ${member.name}? They lose access to this workspace at once.${member.open > 0 ? ` ${open} back to Requests.` : ''}`)) return;
      }
      const r = await setMemberActiveAction({ workspaceId, userId: member.userId, active: String(!member.active) });
      setMessage(r.ok ? null : r.error);
    });
  const newLink = () =>
    start(async () => {
      const r = await regenerateInviteAction({ workspaceId, userId: member.userId });
      if (r.ok) setInvite(r.data);
      setMessage(r.ok ? null : r.error);
    });

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        {member.active && member.invitePending && (
          <button type="button" disabled={pending} onClick={newLink} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
            New invite link
          </button>
        )}
        {!isSelf && (
          <button
            type="button"
            disabled={pending}
            onClick={toggle}
            className={`rounded-md px-3 py-1 text-sm font-medium disabled:opacity-60 ${member.active ? 'border border-red-200 text-red-700 hover:bg-red-50' : 'bg-brand-600 text-white hover:bg-brand-700'}`}
          >
            {member.active ? `Deactivate` : `Reactivate`}
            <span className="sr-only"> {member.name}</span>
          </button>
        )}
      </div>
      {message && <p role="status" className="mt-1 text-xs text-red-600">{message}</p>}
      {invite && <InviteLinkBox name={member.name} invite={invite} />}
    </div>
  );
}
