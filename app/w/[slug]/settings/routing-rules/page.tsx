import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listMembers } from '@/lib/members/queries';
import { listRoutingRules } from '@/lib/routing/rules-admin';
import { listTeams } from '@/lib/teams/manage';
import { RoutingRulesEditor } from '@/components/settings/routing-rules/routing-rules-editor';

export const metadata: Metadata = { title: 'Routing rules' };

export default async function RoutingRulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const [rules, teams, members] = await Promise.all([listRoutingRules(getDb(), ctx), listTeams(getDb(), ctx), listMembers(getDb(), ctx)]);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Routing rules</h1>
      <p className="mt-1 text-sm text-slate-600">
        Where a new request goes. Rules are checked in order when a request is created (the bot hands over, or a customer writes with no
        flow answering); the first enabled rule that matches sends it to a team or an agent. An agent gets it only when online, available and
        under capacity; otherwise it waits in Requests for the rule&apos;s fallback team (or for everyone). With no match, your routing mode
        (General) decides as usual.
      </p>
      <RoutingRulesEditor
        workspaceId={ctx.workspaceId}
        rules={rules.map((r) => ({ id: r.id, name: r.name, enabled: r.enabled, conditions: r.conditions, actionKind: r.actionKind, teamId: r.teamId, agentId: r.agentId, setPriority: r.setPriority }))}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        agents={members.filter((m) => m.active && !m.invitePending).map((m) => ({ id: m.userId, name: m.name }))}
      />
    </section>
  );
}
