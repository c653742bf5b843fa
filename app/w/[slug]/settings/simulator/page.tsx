import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { ChannelIcon, channelLabel } from '@/components/ui/channel-icon';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getDemoPlatforms } from '@/demo/platforms';
import { customerView, listRealChannels, listSimulatedChannels, listSimulatedCustomers } from '@/demo/simulator';
import { SimulateChannelButton } from '@/components/settings/simulator/simulate-channel';
import { realtimeChannels } from '@/lib/realtime/channels';
import { CustomerPhone } from '@/components/settings/simulator/customer-phone';

export const metadata: Metadata = { title: 'Customer simulator' };

const search = z.object({ channel: z.uuid().optional().catch(undefined), customer: z.string().max(100).optional().catch(undefined) });

export default async function SimulatorPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const base = `/w/${slug}/settings/simulator`;
  if (!getDemoPlatforms()) {
    return (
      <section className="max-w-2xl">
        <h1 className="text-xl font-semibold">Customer simulator</h1>
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          The simulator plays customers on the demo shop&apos;s simulated channels. It runs when Baton starts on its embedded
          defaults (<code>npm run dev</code>) or with <code>BATON_SEED=demo</code>.
        </p>
      </section>
    );
  }
  const db = getDb();
  const [channelRows, realChannels] = await Promise.all([listSimulatedChannels(db, ctx), listRealChannels(db, ctx)]);
  const { channel: channelParam, customer } = search.parse(await searchParams);
  const channel = channelRows.find((c) => c.id === channelParam) ?? channelRows[0];
  // A channel an admin connected themselves can be handed to the simulator (its API calls then go to the fake platform).
  const others =
    realChannels.length > 0 ? (
      <div className="mt-8 max-w-2xl">
        <h2 className="text-sm font-medium text-slate-700">Your other channels</h2>
        <p className="text-xs text-slate-500">Simulate one to play its customers here; it then talks to the simulated platform instead of the real one.</p>
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {realChannels.map((c) => (
            <li key={c.id} className="flex items-center gap-2 px-3 py-2">
              <ChannelIcon kind={c.kind} />
              <span className="min-w-0 flex-1 truncate">{c.name}</span>
              <SimulateChannelButton workspaceId={ctx.workspaceId} channelId={c.id} name={c.name} />
            </li>
          ))}
        </ul>
      </div>
    ) : null;
  if (!channel) {
    return (
      <section>
        <p className="text-slate-600">This workspace has no simulated channels.</p>
        {others}
      </section>
    );
  }
  const customers = await listSimulatedCustomers(db, ctx, channel.id);
  const view = customer ? await customerView(db, ctx, channel.id, customer) : { conversationId: null, messages: [] };

  return (
    <section>
      <h1 className="text-xl font-semibold">Customer simulator</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Be the customer. What you type reaches Baton as a correctly signed {channelLabel(channel.kind)} webhook, and whatever
        the shop sends back arrives here. Keep the inbox open in another tab to answer.
      </p>
      <nav aria-label="Simulated channels" className="mt-4 flex flex-wrap gap-2">
        {channelRows.map((c) => (
          <Link key={c.id} href={`${base}?channel=${c.id}`} aria-current={c.id === channel.id ? 'page' : undefined} className={`flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${c.id === channel.id ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white'}`}>
            <ChannelIcon kind={c.kind} /> {channelLabel(c.kind)}
            {channelRows.some((o) => o.id !== c.id && o.kind === c.kind) ? ` · ${c.name}` : ''}
          </Link>
        ))}
      </nav>
      <div className="mt-6 flex flex-col gap-6 md:flex-row">
        <div className="md:w-64">
          <h2 className="text-sm font-medium text-slate-700">Customers</h2>
          <ul className="mt-2 max-h-[60vh] divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200 bg-white text-sm">
            <li>
              <Link href={`${base}?channel=${channel.id}`} aria-current={!customer ? 'true' : undefined} className={`block px-3 py-2 ${!customer ? 'bg-brand-50 font-medium' : ''}`}>
                + New customer
              </Link>
            </li>
            {customers.map((c) => (
              <li key={c.externalId}>
                <Link href={`${base}?channel=${channel.id}&customer=${encodeURIComponent(c.externalId)}`} aria-current={customer === c.externalId ? 'true' : undefined} className={`block truncate px-3 py-2 ${customer === c.externalId ? 'bg-brand-50 font-medium' : ''}`}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <CustomerPhone
          key={`${channel.id}:${customer ?? 'new'}`}
          workspaceId={ctx.workspaceId}
          basePath={`${base}?channel=${channel.id}`}
          channelId={channel.id}
          customerId={customer ?? null}
          conversationChannel={view.conversationId ? realtimeChannels.conversation(view.conversationId) : null}
          messages={view.messages}
          optinActive={'optinActive' in view ? Boolean(view.optinActive) : false}
        />
      </div>
      {others}
    </section>
  );
}
