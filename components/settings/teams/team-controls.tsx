'use client';

import { useActionState, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { TeamView } from '@/lib/teams/manage';
import { addTeamMemberAction, createTeamAction, deleteTeamAction, removeTeamMemberAction, renameTeamAction } from '@/app/w/[slug]/settings/teams/actions';

type Team = { id: string; name: string };
type State = ActionResult<Team> | null;

export function CreateTeamForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useActionState<State, FormData>((previous, form) => createTeamAction(previous, form), null);
  return (
    <form action={action} aria-label="Create a team" className="mt-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="min-w-48 flex-1">
        <label htmlFor="team-name" className="block text-sm font-medium text-slate-700">Team name</label>
        <input id="team-name" name="name" required maxLength={60} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Creating…' : 'Create team'}
      </button>
      <p role="status" className={`w-full text-sm ${state && !state.ok ? 'text-red-600' : 'text-emerald-700'}`}>
        {state ? (state.ok ? `${state.data.name} was created.` : state.error) : ''}
      </p>
    </form>
  );
}

// Long: one team's card: rename, members and delete, each a short handler; most of it is markup.
export function TeamCard({ workspaceId, team, agents }: { workspaceId: string; team: TeamView; agents: { userId: string; name: string }[] }) {
  const [renaming, setRenaming] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [renameState, renameAction, renamePending] = useActionState<State, FormData>(async (previous, form) => {
    const result = await renameTeamAction(previous, form);
    if (result.ok) setRenaming(false);
    return result;
  }, null);
  const inTeam = new Set(team.members.map((m) => m.userId));
  const candidates = agents.filter((a) => !inTeam.has(a.userId));

  const run = (work: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await work();
      setMessage(r.ok ? null : r.error);
    });

  return (
    <section aria-label={`Team ${team.name}`} className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        {renaming ? (
          <form action={renameAction} className="flex flex-1 flex-wrap items-center gap-2">
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="teamId" value={team.id} />
            <input name="name" defaultValue={team.name} required maxLength={60} aria-label={`New name for ${team.name}`} autoFocus
              className="min-w-40 flex-1 rounded-md border border-slate-300 px-2 py-1" />
            <button type="submit" disabled={renamePending} className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              Save
            </button>
            <button type="button" onClick={() => setRenaming(false)} className="rounded-md px-3 py-1 text-sm text-slate-600 hover:bg-slate-100">
              Cancel
            </button>
          </form>
        ) : (
          <>
            <h2 className="flex-1 font-medium">{team.name}</h2>
            <button type="button" onClick={() => setRenaming(true)} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
              Rename<span className="sr-only"> {team.name}</span>
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                if (!window.confirm(`Delete the team ${team.name}? Its waiting requests go to everyone.`)) return;
                run(() => deleteTeamAction({ workspaceId, teamId: team.id }));
              }}
              className="rounded-md border border-red-200 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60"
            >
              Delete<span className="sr-only"> {team.name}</span>
            </button>
          </>
        )}
      </div>
      {renameState && !renameState.ok && <p role="status" className="mt-1 text-sm text-red-600">{renameState.error}</p>}

      <ul aria-label={`Members of ${team.name}`} className="mt-3 flex flex-wrap gap-2">
        {team.members.length === 0 && <li className="text-sm text-slate-500">No members yet.</li>}
        {team.members.map((m) => (
          <li key={m.userId} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm">
            <span className={m.active ? '' : 'text-slate-400 line-through'}>{m.name}</span>
            <button
              type="button"
              disabled={pending}
              onClick={() => run(() => removeTeamMemberAction({ workspaceId, teamId: team.id, userId: m.userId }))}
              aria-label={`Remove ${m.name} from ${team.name}`}
              className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
            >
              ×
            </button>
          </li>
        ))}
      </ul>

      {candidates.length > 0 && (
        <form
          className="mt-3 flex flex-wrap items-center gap-2"
          action={(form) => run(() => addTeamMemberAction(form))}
        >
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="teamId" value={team.id} />
          <select name="userId" aria-label={`Agent to add to ${team.name}`} defaultValue="" required className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="" disabled>Choose an agent…</option>
            {candidates.map((a) => (
              <option key={a.userId} value={a.userId}>{a.name}</option>
            ))}
          </select>
          <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
            Add to team
          </button>
        </form>
      )}
      {message && <p role="status" className="mt-2 text-sm text-red-600">{message}</p>}
    </section>
  );
}
