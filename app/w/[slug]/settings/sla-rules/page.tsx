import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { businessHoursOf } from '@/lib/business-hours/schedule';
import { getBusinessHours } from '@/lib/business-hours/update';
import { listSlaRules } from '@/lib/sla/rules-admin';
import { listTeams } from '@/lib/teams/manage';
import { SlaRulesEditor } from '@/components/settings/sla-rules/sla-rules-editor';

export const metadata: Metadata = { title: 'SLA rules' };

export default async function SlaRulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const [rules, teams, hours] = await Promise.all([listSlaRules(getDb(), ctx), listTeams(getDb(), ctx), getBusinessHours(getDb(), ctx)]);
  const keepsHours = businessHoursOf({ settings: { businessHours: hours.settings }, timezone: hours.timezone }) !== null;
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">SLA rules</h1>
      <p className="mt-1 text-sm text-slate-600">
        How fast your team should answer and resolve. The first rule, from the top, that matches a conversation gives its targets when
        the conversation reaches your team (a request or assigned, not while the bot handles it). Rows in the inbox show the nearest
        target, and the list can be sorted by it. Changes apply from a conversation&apos;s next start; running targets keep their times.
      </p>
      <p className="mt-2 text-sm text-slate-600">
        Rules for tickets work the same way, in their own order: the first that matches a ticket&apos;s team, priority, type and tags gives
        its first-response and resolution targets, counted from when it was created. The clock stops while the ticket is pending or on
        hold, and the Tickets list shows what is due and can find what is overdue.
      </p>
      {!keepsHours && (
        <p className="mt-2 text-sm text-slate-600">
          Rules that count business hours count the clock until you set{' '}
          <Link href={`/w/${slug}/settings/business-hours`} className="text-brand-700 underline">
            business hours
          </Link>
          .
        </p>
      )}
      <SlaRulesEditor workspaceId={ctx.workspaceId} rules={rules} teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
    </section>
  );
}
