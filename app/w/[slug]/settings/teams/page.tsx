import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listMembers } from '@/lib/members/queries';
import { listTeams } from '@/lib/teams/manage';
import { CreateTeamForm, TeamCard } from '@/components/settings/teams/team-controls';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const [teams, members] = await Promise.all([listTeams(getDb(), ctx), listMembers(getDb(), ctx)]);
  const agents = members.filter((m) => m.active).map((m) => ({ userId: m.userId, name: m.name }));
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Teams</h1>
      <p className="mt-1 text-sm text-slate-600">
        A conversation assigned to a team waits in Requests for that team: automatic routing gives it only to the team&apos;s members.
      </p>
      <CreateTeamForm workspaceId={ctx.workspaceId} />
      {teams.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No teams yet.</p>
      ) : (
        <ul aria-label="Teams" className="mt-6 space-y-4">
          {teams.map((t) => (
            <li key={t.id}>
              <TeamCard key={t.name} workspaceId={ctx.workspaceId} team={t} agents={agents} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
