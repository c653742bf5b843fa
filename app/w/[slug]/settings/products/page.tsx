import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { EmptyState, inputClass } from '@/components/ui/form-kit';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { SetBadge } from '@/components/ui/set-badge';
import { listProducts } from '@/lib/commerce/catalogue-admin/products';
import { shownUrl } from '@/lib/files/file-links';
import { DeleteProductButton, ImportProductsForm } from '@/components/settings/products/product-list-actions';

export const metadata: Metadata = { title: 'Products' };

// Long: a server page: search, the product table and paging; markup only.
export default async function ProductsSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const sp = await searchParams;
  const q = (Array.isArray(sp.q) ? sp.q[0] : sp.q)?.slice(0, 200) ?? '';
  const pageParam = Number(Array.isArray(sp.page) ? sp.page[0] : sp.page) || 1;
  const { items, total, page, pages } = await listProducts(getDb(), ctx, { q, page: pageParam });
  const base = `/w/${slug}/settings/products`;
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <section className="max-w-5xl">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Products</h1>
        <div className="ml-auto flex flex-wrap gap-2">
          <a href={`/api/w/${ctx.workspaceId}/products/export`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Export CSV
          </a>
          <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            New product
          </Link>
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        The catalogue agents share in conversations and the bot’s checkout flows sell from. Only products and sets that are visible on store and in stock are offered; a set’s
        stock is what its products allow.
      </p>

      <form role="search" action={base} className="mt-4 flex gap-2">
        <label htmlFor="product-search" className="sr-only">
          Search products
        </label>
        <input id="product-search" name="q" type="search" defaultValue={q} placeholder="Name, SKU or #hashtag" className={`${inputClass} mt-0 max-w-md`} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Search
        </button>
      </form>

      {items.length === 0 ? (
        <EmptyState>{q ? `No products match “${q}”.` : 'No products yet. Add one, or import a CSV file.'}</EmptyState>
      ) : (
        <div className="relative mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table aria-label="Products" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Product</th>
                <th className="px-3 py-2 font-medium">SKU</th>
                <th className="px-3 py-2 font-medium">Price</th>
                <th className="px-3 py-2 font-medium">Stock</th>
                <th className="px-3 py-2 font-medium">Variants</th>
                <th className="px-3 py-2 font-medium">Store</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((p) => (
                <tr key={p.id}>
                  <td className="px-3 py-2">
                    <div className="flex items-center gap-2">
                      {p.images[0] ? (
                        // eslint-disable-next-line @next/next/no-img-element
                        <img src={shownUrl(p.images[0])} alt="" className="h-10 w-10 shrink-0 rounded object-cover" />
                      ) : (
                        <span aria-hidden className="h-10 w-10 shrink-0 rounded bg-slate-100" />
                      )}
                      <div className="min-w-0">
                        <Link href={`${base}/${p.id}`} className="font-medium text-brand-700 hover:underline">
                          {p.name}
                        </Link>
                        {p.kind === 'set' && <SetBadge className="ml-2" />}
                        {p.hashtags.length > 0 && <p className="truncate text-xs text-slate-500">{p.hashtags.map((h) => `#${h.replace(/^#/, '')}`).join(' ')}</p>}
                      </div>
                    </div>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{p.sku}</td>
                  <td className="px-3 py-2 tabular-nums">{p.priceText}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {p.availableStock === 0 ? <span className="text-amber-700">Out of stock</span> : p.availableStock}
                    {p.kind === 'set' && <span className="sr-only"> (from its products)</span>}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{p.kind === 'set' ? <span className="text-slate-500">{p.setItemCount} {p.setItemCount === 1 ? 'product' : 'products'}</span> : p.variantCount}</td>
                  <td className="px-3 py-2">{p.visibleOnStore ? 'Visible' : <span className="text-slate-500">Hidden</span>}</td>
                  <td className="px-3 py-2 text-right">
                    <DeleteProductButton workspaceId={ctx.workspaceId} id={p.id} name={p.name} isSet={p.kind === 'set'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 && <Link href={pageHref(page - 1)} className="text-brand-700 hover:underline">← Previous</Link>}
          <span className="text-slate-600">
            Page {page} of {pages} · {total.toLocaleString('en-US')} products
          </span>
          {page < pages && <Link href={pageHref(page + 1)} className="text-brand-700 hover:underline">Next →</Link>}
        </nav>
      )}

      <h2 className="mt-10 text-lg font-semibold">Import products from CSV</h2>
      <p className="mt-1 text-sm text-slate-600">
        Creates new products and updates existing ones by SKU; a product’s variants become the variant rows listed under it. Columns:{' '}
        <code className="font-mono text-xs">type, sku, parent_sku, name, description, hashtags, price, currency, stock, images, visible_on_store, set_items</code> — export first for an
        example. A <code className="font-mono text-xs">set</code> row lists its products in <code className="font-mono text-xs">set_items</code> as{' '}
        <code className="font-mono text-xs">SKU*quantity</code> separated by semicolons (a variant’s SKU for one option). If any row has an error, nothing is imported.
      </p>
      <ImportProductsForm workspaceId={ctx.workspaceId} />
    </section>
  );
}
