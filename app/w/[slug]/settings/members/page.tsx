import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { Avatar } from '@/components/ui/avatar';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listMembers } from '@/lib/members/queries';
import { AddMemberForm } from '@/components/settings/members/add-member-form';
import { MemberActions, MemberSettingsForm } from '@/components/settings/members/member-controls';

export const metadata: Metadata = { title: 'Agents' };

export default async function MembersSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listMembers(getDb(), ctx);
  return (
    <section className="max-w-4xl">
      <h1 className="text-xl font-semibold">Agents</h1>
      <p className="mt-1 text-sm text-slate-600">
        Who works in this inbox. Capacity is how many open conversations automatic routing gives an agent at once; agents who
        are away, offline or at capacity get no new requests.
      </p>
      <AddMemberForm workspaceId={ctx.workspaceId} />
      <ul aria-label="Agents" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {rows.map((m) => {
          const isSelf = m.userId === ctx.actor.id;
          return (
            <li key={m.userId} className={`flex flex-col gap-3 px-4 py-3 lg:flex-row lg:items-start ${m.active ? '' : 'bg-slate-50'}`} aria-label={m.name}>
              <div className="flex min-w-0 flex-1 items-start gap-3">
                <Avatar name={m.name} src={m.avatarUrl} size={36} />
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-1.5 font-medium">
                    <span className={m.active ? '' : 'text-slate-500 line-through'}>{m.name}</span>
                    {isSelf && <Badge>You</Badge>}
                    {!m.active && <Badge tone="red">Deactivated</Badge>}
                    {m.active && m.invitePending && <Badge tone="amber">Invite pending</Badge>}
                  </p>
                  <p className="truncate text-xs text-slate-500">{m.email}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    <span className={m.availability === 'online' ? 'text-emerald-700' : ''}>{m.availability === 'online' ? 'Available' : 'Away'}</span>
                    {' · '}
                    {m.open} of {m.capacity} open
                    {m.teams.length > 0 && <> · {m.teams.join(', ')}</>}
                  </p>
                </div>
              </div>
              {m.active && (
                <MemberSettingsForm workspaceId={ctx.workspaceId} member={m} isSelf={isSelf} />
              )}
              <MemberActions workspaceId={ctx.workspaceId} member={m} isSelf={isSelf} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Badge({ children, tone = 'slate' }: { children: React.ReactNode; tone?: 'slate' | 'red' | 'amber' }) {
  const tones = { slate: 'bg-slate-100 text-slate-600', red: 'bg-red-50 text-red-700', amber: 'bg-amber-50 text-amber-800' };
  return <span className={`rounded-full px-2 py-0.5 text-xs font-normal ${tones[tone]}`}>{children}</span>;
}
