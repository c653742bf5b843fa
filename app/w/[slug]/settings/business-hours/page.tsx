import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getBusinessHours } from '@/lib/business-hours/update';
import { zoneLabel } from '@/lib/time/format';
import { BusinessHoursForm } from '@/components/settings/business-hours/business-hours-form';
import { updateBusinessHoursAction } from './actions';

export const metadata: Metadata = { title: 'Business hours' };

export default async function BusinessHoursPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const { settings, timezone } = await getBusinessHours(getDb(), ctx);
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">Business hours</h1>
      <p className="mt-1 text-sm text-slate-600">
        When your team answers. Outside these hours a customer who asks for a person gets your away message, SLA targets set to count
        business time pause, and flows can branch on whether you are open. Times are in the shop&apos;s time zone,{' '}
        <strong>{zoneLabel(timezone)}</strong> (
        <Link href={`/w/${slug}/settings`} className="text-brand-700 underline">
          change it in General
        </Link>
        ).
      </p>
      <BusinessHoursForm workspaceId={ctx.workspaceId} settings={settings} save={updateBusinessHoursAction} />
    </section>
  );
}
