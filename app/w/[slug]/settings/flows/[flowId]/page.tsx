import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getFlow, loadVersion } from '@/lib/flows/store';
import { loadBuilderOptions } from '../builder-options';
import { FlowEditor } from '@/components/flows/flow-editor';

export const metadata: Metadata = { title: 'Edit flow' };

export default async function EditFlowPage({ params }: { params: Promise<{ slug: string; flowId: string }> }) {
  const { slug, flowId } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  if (!z.uuid().safeParse(flowId).success) notFound();
  const flow = await getFlow(getDb(), ctx.workspaceId, flowId);
  if (!flow) notFound();
  const definition = await loadVersion(getDb(), ctx.workspaceId, flow.id, flow.currentVersion);
  const t = flow.triggers;
  const options = await loadBuilderOptions(ctx.workspaceId, flow.id);
  return (
    <section>
      <h1 className="mb-4 text-xl font-semibold">
        {flow.name} <span className="text-sm font-normal text-slate-500">version {flow.currentVersion}</span>
      </h1>
      <FlowEditor
        workspaceId={ctx.workspaceId}
        slug={slug}
        options={options}
        initial={{
          id: flow.id,
          name: flow.name,
          kind: flow.kind,
          enabled: flow.enabled,
          welcomeChannels: t.welcomeChannels ?? [],
          keywords: (t.keywords ?? []).join(', '),
          payloads: (t.payloads ?? []).join(', '),
          patterns: (t.patterns ?? []).join('\n'),
          definition: JSON.stringify(definition ?? { start: '', steps: [] }, null, 2),
        }}
      />
    </section>
  );
}
