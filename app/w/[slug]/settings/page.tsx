import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getWorkspaceSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Settings' };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const settings = await getWorkspaceSettings(getDb(), ctx);
  if (!settings) return null;
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">General</h1>
      <dl className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {[
          ['Shop name', settings.name],
          ['Address', `/w/${settings.slug}`],
          ['Routing', settings.routingMode === 'manual' ? 'Manual: the first agent to reply takes the request' : 'Automatic: requests are assigned to available agents'],
          ['Time zone', settings.timezone],
        ].map(([label, value]) => (
          <div key={label} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:justify-between">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="text-sm font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
