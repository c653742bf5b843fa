import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { NotificationPreferencesForm } from '@/components/notifications/preferences-form';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getMyPreferences } from '@/lib/notifications/preferences';

export const metadata: Metadata = { title: 'Notifications' };

/** Each agent's own choices: for every kind, in the bell, as a browser notification, with a sound. */
export default async function NotificationPreferencesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const preferences = await getMyPreferences(getDb(), ctx);
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
          What reaches you in {ctx.membership.workspaceName}. Browser notifications and sounds come while Baton is in a background tab.
        </p>
        <NotificationPreferencesForm workspaceId={ctx.workspaceId} initial={preferences} />
      </section>
    </div>
  );
}
