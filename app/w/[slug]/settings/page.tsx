import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getWorkspaceSettings } from '@/lib/settings/queries';
import { listTimeZones } from '@/lib/time/format';
import { GeneralSettingsForm } from './general-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const settings = await getWorkspaceSettings(getDb(), ctx);
  if (!settings) return null;
  const timezones = listTimeZones();
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">General</h1>
      <p className="mt-1 text-sm text-slate-600">Your shop&apos;s name, how new requests reach agents, and the shop&apos;s time zone for business hours.</p>
      <GeneralSettingsForm workspaceId={ctx.workspaceId} settings={settings} timezones={timezones} />
    </section>
  );
}
