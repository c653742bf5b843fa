import type { Metadata } from 'next';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { loadBuilderOptions } from '../builder-options';
import { FlowEditor } from '@/components/flows/flow-editor';

export const metadata: Metadata = { title: 'New flow' };

const starter = {
  start: 'hello',
  steps: [
    {
      id: 'hello',
      type: 'ask_choice',
      text: 'Hi {{contact.first_name}}! How can I help?',
      options: [
        { title: 'Opening hours', next: 'hours' },
        { title: 'Talk to an agent', next: 'agent' },
      ],
    },
    { id: 'hours', type: 'end', message: 'We are open every day from 10:00 to 20:00.' },
    { id: 'agent', type: 'hand_off', message: 'Connecting you with our team.' },
  ],
};

export default async function NewFlowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const options = await loadBuilderOptions(ctx.workspaceId);
  return (
    <section>
      <h1 className="mb-4 text-xl font-semibold">New flow</h1>
      <FlowEditor
        workspaceId={ctx.workspaceId}
        slug={slug}
        options={options}
        initial={{ name: '', kind: 'custom', enabled: true, welcomeChannels: [], keywords: '', payloads: '', patterns: '', definition: JSON.stringify(starter, null, 2) }}
      />
    </section>
  );
}
