import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listWhatsappChannels, listWhatsappTemplates } from '@/lib/settings/inbox-config';
import { TemplateForm, TemplateItem } from '@/components/settings/templates/template-editor';

export const metadata: Metadata = { title: 'WhatsApp templates' };

export default async function TemplatesSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const [rows, numbers] = await Promise.all([listWhatsappTemplates(getDb(), ctx), listWhatsappChannels(getDb(), ctx)]);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">WhatsApp templates</h1>
      <p className="mt-1 text-sm text-slate-600">
        After 24 hours without a message from the customer, WhatsApp only delivers templates approved in WhatsApp Manager. Enter each one exactly as approved: same name,
        language and body, with its parameters numbered <code className="font-mono text-xs">{'{{1}}'}</code>, <code className="font-mono text-xs">{'{{2}}'}</code> …
        Agents fill the parameters when they send it.
      </p>
      {rows.length === 0 ? (
        <EmptyState>No templates yet. Add the ones approved for your WhatsApp number, like order_update.</EmptyState>
      ) : (
        <ul aria-label="WhatsApp templates" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((row) => (
            <TemplateItem
              key={row.id}
              workspaceId={ctx.workspaceId}
              numbers={numbers}
              item={{ id: row.id, name: row.name, language: row.language, category: row.category, body: row.body, parameterCount: row.parameterCount, channelId: row.channelId, channelName: row.channelName }}
            />
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a template</h2>
      <TemplateForm workspaceId={ctx.workspaceId} numbers={numbers} />
    </section>
  );
}
