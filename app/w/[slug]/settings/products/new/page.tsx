import type { Metadata } from 'next';
import Link from 'next/link';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { ProductEditor } from '@/components/settings/products/product-editor';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  return (
    <section className="max-w-4xl">
      <Link href={`/w/${slug}/settings/products`} className="text-sm text-brand-700 hover:underline">
        ← Products
      </Link>
      <h1 className="mt-2 text-xl font-semibold">New product</h1>
      <ProductEditor workspaceId={ctx.workspaceId} slug={slug} />
    </section>
  );
}
