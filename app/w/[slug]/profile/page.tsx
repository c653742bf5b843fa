import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getProfile } from '@/lib/members/profile';
import { listTimeZones } from '@/lib/time/format';
import { NameForm, PasswordForm, PictureForm, SessionsForm } from '@/components/profile/profile-forms';
import { TimeZoneForm } from '@/components/profile/time-zone-form';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const profile = await getProfile(getDb(), ctx);
  return (
    <main className="h-full overflow-y-auto p-4 md:p-8">
      <section className="mx-auto max-w-2xl">
        <h1 className="text-xl font-semibold">Your profile</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {profile.email}. Your name and picture are what other agents see.
        </p>
        <PictureForm workspaceId={ctx.workspaceId} slug={slug} name={profile.name} avatarUrl={profile.avatarUrl} />
        <NameForm workspaceId={ctx.workspaceId} name={profile.name} />
        <TimeZoneForm workspaceId={ctx.workspaceId} timeZone={profile.timeZone} zones={listTimeZones()} />
        <PasswordForm workspaceId={ctx.workspaceId} />
        <SessionsForm workspaceId={ctx.workspaceId} />
      </section>
    </main>
  );
}
