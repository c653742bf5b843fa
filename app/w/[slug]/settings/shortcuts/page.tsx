import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listShortcuts } from '@/lib/settings/inbox-config';
import { messageVariables } from '@/lib/settings/variables';
import { ShortcutForm, ShortcutItem } from '@/components/settings/shortcuts/shortcut-editor';

export const metadata: Metadata = { title: 'Message shortcuts' };

export default async function ShortcutsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listShortcuts(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Message shortcuts</h1>
      <p className="mt-1 text-sm text-slate-600">
        Agents type <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">/</kbd> in the composer to pick a canned reply. Variables are filled in
        when it is inserted: {messageVariables.map((v, i) => (
          <span key={v.name}>
            {i > 0 && ', '}
            <code className="font-mono text-xs">{`{{${v.name}}}`}</code> ({v.description})
          </span>
        ))}
        .
      </p>
      {rows.length === 0 ? (
        <EmptyState>No shortcuts yet. Add the replies your team sends most, like /thanks or /shipping.</EmptyState>
      ) : (
        <ul aria-label="Message shortcuts" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((row) => (
            <ShortcutItem key={row.id} workspaceId={ctx.workspaceId} item={{ id: row.id, shortcut: row.shortcut, text: row.text }} />
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a shortcut</h2>
      <ShortcutForm workspaceId={ctx.workspaceId} />
    </section>
  );
}
