import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { NotificationPreferencesForm } from '@/components/notifications/preferences-form';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getMyPreferences } from '@/lib/notifications/preferences';
import { PushDeviceSection } from '@/components/notifications/push-device-section';
import { listMyPushDevices } from '@/lib/push/subscriptions';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Notifications' };

/** Each agent's own choices: for every kind, in the bell, as a browser notification, with a sound. */
export default async function NotificationPreferencesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const [preferences, devices] = await Promise.all([getMyPreferences(getDb(), ctx), listMyPushDevices(getDb(), ctx.actor.id)]);
  // Only the public half of the VAPID pair: the browser subscribes with it.
  const vapidPublicKey = getConfig().VAPID_PUBLIC_KEY ?? null;
  return (
    <div className="h-full overflow-y-auto p-4 md:p-8">
      <section className="max-w-3xl">
        <p className="text-sm">
          <Link href={`/w/${slug}/profile`} className="text-brand-600 hover:underline">
            ← Profile
          </Link>
        </p>
        <h1 className="mt-2 text-xl font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">
          What reaches you in {ctx.membership.workspaceName}. Browser notifications and sounds come while Baton is in a background tab; on a device with push turned on, the kinds marked below reach it when Baton is closed there.
        </p>
        <PushDeviceSection workspaceId={ctx.workspaceId} vapidPublicKey={vapidPublicKey} initialDevices={devices} />
        <NotificationPreferencesForm workspaceId={ctx.workspaceId} initial={preferences} />
      </section>
    </div>
  );
}
