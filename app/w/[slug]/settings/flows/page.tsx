import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listFlows } from '@/lib/flows/store';
import { FlowControls } from '@/components/flows/flow-controls';

export const metadata: Metadata = { title: 'Flows' };

function triggerSummary(t: { welcomeChannels?: string[]; keywords?: string[]; payloads?: string[]; patterns?: string[] }) {
  const parts = [
    t.welcomeChannels?.length ? `Welcome on ${t.welcomeChannels.join(', ')}` : null,
    t.keywords?.length ? `Keywords: ${t.keywords.join(', ')}` : null,
    t.payloads?.length ? `Payloads: ${t.payloads.join(', ')}` : null,
    t.patterns?.length ? `${t.patterns.length} pattern${t.patterns.length > 1 ? 's' : ''}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Started by agents only';
}

export default async function FlowsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const rows = await listFlows(getDb(), ctx.workspaceId);
  return (
    <section className="max-w-3xl">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold">Flows</h1>
        <Link href={`/w/${slug}/settings/flows/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          New flow
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        The bot answers first with these flows: the welcome flow of each channel, flows started by keywords or buttons, and checkout flows behind
        product “Buy” buttons. Customers who write “agent”, “human” or “talk to someone” go to Requests.
      </p>
      {rows.length === 0 ? (
        <EmptyState>No flows yet: every new conversation goes straight to Requests.</EmptyState>
      ) : (
        <ul aria-label="Flows" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((flow) => (
            <li key={flow.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold">
                  <Link href={`/w/${slug}/settings/flows/${flow.id}`} className="hover:underline">
                    {flow.name}
                  </Link>
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">{flow.kind}</span>
                  <span className="ml-1 text-xs font-normal text-slate-500">v{flow.currentVersion}</span>
                  {!flow.enabled && <span className="ml-1 text-xs font-normal text-amber-700">disabled</span>}
                </p>
                <p className="mt-0.5 truncate text-xs text-slate-500">{triggerSummary(flow.triggers)}</p>
              </div>
              <FlowControls workspaceId={ctx.workspaceId} flow={{ id: flow.id, name: flow.name, enabled: flow.enabled }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
