import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listTextBlocks } from '@/lib/settings/inbox-config';
import { TextBlockForm, TextBlockItem } from '@/components/settings/text-blocks/text-block-editor';

export const metadata: Metadata = { title: 'Text blocks' };

export default async function TextBlocksSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listTextBlocks(getDb(), ctx);
  const categories = [...new Set(rows.map((r) => r.category))];
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Text blocks</h1>
      <p className="mt-1 text-sm text-slate-600">
        Longer answers agents find by typing <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">#</kbd> in the composer, filed by category. They
        may use the same variables as shortcuts, like <code className="font-mono text-xs">{'{{customer.first_name}}'}</code>.
      </p>
      {rows.length === 0 ? (
        <EmptyState>No text blocks yet. Add your shipping, returns and payment answers so every agent gives the same one.</EmptyState>
      ) : (
        categories.map((category) => (
          <div key={category} className="mt-6">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{category}</h2>
            <ul aria-label={`${category} text blocks`} className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {rows
                .filter((r) => r.category === category)
                .map((row) => (
                  <TextBlockItem key={row.id} workspaceId={ctx.workspaceId} categories={categories} item={{ id: row.id, title: row.title, category: row.category, body: row.body }} />
                ))}
            </ul>
          </div>
        ))
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a text block</h2>
      <TextBlockForm workspaceId={ctx.workspaceId} categories={categories} />
    </section>
  );
}
