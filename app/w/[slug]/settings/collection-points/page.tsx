import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listCollectionPoints } from '@/lib/commerce/catalogue-admin/collection-points';
import { CollectionPointForm, CollectionPointItem } from '@/components/settings/collection-points/collection-point-editor';

export const metadata: Metadata = { title: 'Collection points' };

export default async function CollectionPointsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const rows = await listCollectionPoints(getDb(), ctx);
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Collection points</h1>
      <p className="mt-1 text-sm text-slate-600">Places where customers can pick up their orders. Disabled points are not offered in new orders.</p>
      {rows.length === 0 ? (
        <EmptyState>No collection points yet.</EmptyState>
      ) : (
        <ul aria-label="Collection points" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((p) => (
            <CollectionPointItem key={p.id} workspaceId={ctx.workspaceId} item={{ id: p.id, name: p.name, address: p.address, openingHours: p.openingHours, enabled: p.enabled }} />
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a collection point</h2>
      <CollectionPointForm workspaceId={ctx.workspaceId} />
    </section>
  );
}
