import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { OrdersFilters } from '@/components/orders/orders-filters';
import { OrdersTable } from '@/components/orders/orders-table';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { listCollectionPointOptions, listOrders, parseOrderListQuery, type OrderListQuery } from '@/lib/commerce/order-list';
import { zoneLabel } from '@/lib/time/format';
import { loadViewerZones, viewerZone } from '@/lib/time/viewer-zone';

export const metadata: Metadata = { title: 'Orders' };

function pageHref(basePath: string, query: OrderListQuery, page: number) {
  const params = new URLSearchParams();
  for (const key of ['q', 'from', 'to', 'status', 'point'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const query = parseOrderListQuery(await searchParams);
  const db = getDb();
  const [zones, points] = await Promise.all([loadViewerZones(db, { userId: ctx.actor.id, workspaceId: ctx.workspaceId }), listCollectionPointOptions(db, ctx)]);
  // The From/To days are the viewer's days, as the list shows its times in their zone.
  const timeZone = viewerZone(zones);
  const result = await listOrders(db, ctx, query, timeZone);
  const basePath = `/w/${slug}/orders`;
  const filtered = Boolean(query.q || query.from || query.to || query.status || query.point);

  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
      <div className="mx-auto max-w-6xl space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">Orders</h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {result.total === 1 ? '1 order' : `${result.total.toLocaleString('en')} orders`}
            {filtered ? ' match' : ''}
          </p>
        </div>
        <OrdersFilters basePath={basePath} query={query} points={points} timeZone={zoneLabel(timeZone)} />
        {result.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
            <p className="font-medium">{filtered ? 'No orders match these filters' : 'No orders yet'}</p>
            <p className="mt-1 text-sm text-slate-500">
              {filtered ? 'Try another number, name or date range.' : 'Orders created in conversations, or by the checkout flow, appear here.'}
            </p>
          </div>
        ) : (
          <OrdersTable basePath={basePath} rows={result.rows} caption={`Orders, page ${result.page} of ${result.pageCount}`} />
        )}
        {result.pageCount > 1 && (
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            {result.page > 1 ? (
              <Link href={pageHref(basePath, query, result.page - 1)} rel="prev" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                ← Newer
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">
              Page {result.page} of {result.pageCount}
            </span>
            {result.page < result.pageCount ? (
              <Link href={pageHref(basePath, query, result.page + 1)} rel="next" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                Older →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </div>
    </main>
  );
}
