import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listChannels } from '@/lib/settings/queries';
import Link from 'next/link';
import { ConnectChannelForm } from '@/components/settings/channels/connect-form';

export const metadata: Metadata = { title: 'Channels' };

export default async function ChannelsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const rows = await listChannels(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Channels</h1>
      <p className="mt-1 text-sm text-slate-600">Where your customers reach you. Each channel&apos;s webhook address is shown for its platform&apos;s console.</p>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No channels connected yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((c) => (
            <li key={c.id} className="flex items-start gap-3 px-4 py-3">
              <ChannelIcon kind={c.kind} size={28} />
              <div className="min-w-0 flex-1">
                <Link href={`/w/${slug}/settings/channels/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
                <p className="text-sm text-slate-500">
                  {channelLabel(c.kind)} · {c.enabled ? 'Enabled' : 'Disabled'}
                </p>
                {c.kind !== 'web' && (
                  <p className="mt-1 truncate font-mono text-xs text-slate-500">Webhook: /api/webhooks/{c.kind}/{c.id}</p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Connect a channel</h2>
      <ConnectChannelForm workspaceId={ctx.workspaceId} />
    </section>
  );
}
