import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getWorkspaceSettings } from '@/lib/settings/queries';
import { getHandOffMessage } from '@/lib/hand-off/update-settings';
import { loadRoutingStatus } from '@/lib/routing/routing-status';
import { RoutingStatusPanel } from '@/components/routing/routing-status-note';
import { listTimeZones } from '@/lib/time/format';
import { GeneralSettingsForm } from '@/components/settings/general-form';
import { HandOffMessageForm } from '@/components/settings/hand-off-form';
import { TicketSolvedForm } from '@/components/settings/ticket-solved-form';
import { getTicketSolvedMessage } from '@/lib/tickets/solved-message-update';

export const metadata: Metadata = { title: 'Settings' };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const [settings, handOff, routing, ticketSolved] = await Promise.all([
    getWorkspaceSettings(getDb(), ctx),
    getHandOffMessage(getDb(), ctx),
    loadRoutingStatus(getDb(), ctx.workspaceId, { viewerId: ctx.actor.id }),
    getTicketSolvedMessage(getDb(), ctx),
  ]);
  if (!settings) return null;
  const timezones = listTimeZones();
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">General</h1>
      <p className="mt-1 text-sm text-slate-600">Your shop&apos;s name, how new requests reach agents, and the shop&apos;s time zone for business hours and reports.</p>
      <GeneralSettingsForm
        workspaceId={ctx.workspaceId}
        settings={settings}
        timezones={timezones}
        routingStatus={<RoutingStatusPanel workspaceId={ctx.workspaceId} initial={routing} />}
      />
      <h2 id="hand-off-heading" className="mt-10 text-lg font-semibold">Hand-off message</h2>
      <p className="mt-1 text-sm text-slate-600">What the bot tells a customer it hands to your team, in every channel.</p>
      <HandOffMessageForm workspaceId={ctx.workspaceId} settings={handOff} />
      <h2 id="ticket-solved-heading" className="mt-10 text-lg font-semibold">Solved ticket message</h2>
      <p className="mt-1 text-sm text-slate-600">What a customer is told in their conversation when a ticket they raised is solved.</p>
      <TicketSolvedForm workspaceId={ctx.workspaceId} settings={ticketSolved.settings} templates={ticketSolved.templates} />
    </section>
  );
}
