import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { fromMinor } from '@/lib/commerce/catalogue-admin/fields';
import { getProduct } from '@/lib/commerce/catalogue-admin/products';
import { ProductEditor } from '@/components/settings/products/product-editor';

export const metadata: Metadata = { title: 'Edit product' };

export default async function EditProductPage({ params }: { params: Promise<{ slug: string; productId: string }> }) {
  const { slug, productId } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  if (!z.uuid().safeParse(productId).success) notFound();
  const product = await getProduct(getDb(), ctx, productId);
  if (!product) notFound();
  return (
    <section className="max-w-4xl">
      <Link href={`/w/${slug}/settings/products`} className="text-sm text-brand-700 hover:underline">
        ← Products
      </Link>
      <h1 className="mt-2 text-xl font-semibold">{product.name}</h1>
      <ProductEditor
        workspaceId={ctx.workspaceId}
        slug={slug}
        initial={{
          id: product.id,
          name: product.name,
          sku: product.sku,
          description: product.description ?? '',
          hashtags: product.hashtags.map((h) => `#${h}`).join(' '),
          price: fromMinor(product.priceMinor, product.currency),
          currency: product.currency,
          stock: product.stock,
          visibleOnStore: product.visibleOnStore,
          images: product.images,
          variants: product.variants.map((v) => ({
            id: v.id,
            key: v.id,
            sku: v.sku,
            name: v.name,
            price: v.priceMinor === null ? '' : fromMinor(v.priceMinor, product.currency),
            stock: String(v.stock),
          })),
          kind: product.kind,
          setItems: product.setItems.map((c) => ({ productId: c.productId, variantId: c.variantId, name: c.name, sku: c.sku, stock: c.stock, quantity: String(c.quantity) })),
        }}
      />
    </section>
  );
}
