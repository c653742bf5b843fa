import type { Metadata } from 'next';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { products } from '@/db/schema';
import { EmptyState } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listCollections } from '@/lib/commerce/catalogue-admin/collections';
import { CollectionForm, CollectionItem } from '@/components/settings/collections/collection-editor';

export const metadata: Metadata = { title: 'Collections' };

export default async function CollectionsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireWorkspaceRole((await params).slug, 'admin');
  const db = getDb();
  const [rows, catalogue] = await Promise.all([
    listCollections(db, ctx),
    db.select({ id: products.id, name: products.name, sku: products.sku }).from(products).where(eq(products.workspaceId, ctx.workspaceId)).orderBy(asc(products.name)).limit(2000),
  ]);
  return (
    <section className="max-w-4xl">
      <h1 className="text-xl font-semibold">Collections</h1>
      <p className="mt-1 text-sm text-slate-600">Groups of products in the order customers see them, for the bot’s product flows.</p>
      {rows.length === 0 ? (
        <EmptyState>No collections yet.</EmptyState>
      ) : (
        <ul aria-label="Collections" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((c) => (
            <CollectionItem key={c.id} workspaceId={ctx.workspaceId} catalogue={catalogue} item={{ id: c.id, name: c.name, description: c.description ?? '', products: c.products }} />
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Add a collection</h2>
      <CollectionForm workspaceId={ctx.workspaceId} catalogue={catalogue} />
    </section>
  );
}
