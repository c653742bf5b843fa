import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listTeams } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listTeams(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Teams</h1>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No teams yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((t) => (
            <li key={t.id} className="px-4 py-3">
              <p className="font-medium">{t.name}</p>
              <p className="text-sm text-slate-500">{t.members.length > 0 ? t.members.join(', ') : 'No members'}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
