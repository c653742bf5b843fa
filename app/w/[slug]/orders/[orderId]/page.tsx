import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db';
import { OrderStatusActions } from '@/components/orders/order-status-actions';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { LocalTime } from '@/components/time/time-zone';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { getOrderDetail } from '@/lib/commerce/order-list';
import { orderTransitions } from '@/lib/commerce/order-status';

export const metadata: Metadata = { title: 'Order' };

// Long: a server page laying out one order's sections from one query; markup only.
export default async function OrderPage({ params }: { params: Promise<{ slug: string; orderId: string }> }) {
  const { slug, orderId } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const db = getDb();
  const order = await getOrderDetail(db, ctx, orderId);
  if (!order) notFound();

  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
      <div className="mx-auto max-w-3xl space-y-4">
        <Link href={`/w/${slug}/orders`} className="text-sm text-brand-600 hover:underline">
          ← All orders
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">Order #{order.number}</h1>
          <OrderStatusBadge status={order.status} />
        </div>
        <p className="text-sm text-slate-600">
          Placed <LocalTime value={order.createdAt.toISOString()} />
          {order.customer && <> by {order.customer.name ?? 'a customer'}</>}
          {order.conversationId && (
            <>
              {' · '}
              <Link href={`/w/${slug}/inbox?tab=all&c=${order.conversationId}`} className="text-brand-600 hover:underline">
                Open the conversation
              </Link>
            </>
          )}
        </p>

        <OrderStatusActions workspaceId={ctx.workspaceId} orderId={order.id} status={order.status} next={orderTransitions[order.status]} />

        <section aria-labelledby="order-items" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="order-items" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold">
            Items
          </h2>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Items of order #{order.number}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Product
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Qty
                  </th>
                  <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
                    Unit price
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {order.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" className="px-3 py-2 font-normal">
                      <span className="block font-medium">{item.name}</span>
                      <span className="block text-xs text-slate-500">{item.sku}</span>
                      {item.includes && <span className="block text-xs text-slate-500">Set: {item.includes} each</span>}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{item.quantity}</td>
                    <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{item.unitPrice}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{item.lineTotal}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-200 font-semibold">
                  <th scope="row" colSpan={2} className="px-3 py-2 text-left sm:hidden">
                    Total
                  </th>
                  <th scope="row" colSpan={3} className="hidden px-3 py-2 text-left sm:table-cell">
                    Total
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{order.total}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>

        <div className="grid gap-4 sm:grid-cols-2">
          <section aria-labelledby="order-delivery" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <h2 id="order-delivery" className="mb-1 font-semibold">
              {order.collectionPoint ? 'Pickup' : 'Delivery'}
            </h2>
            {order.collectionPoint ? (
              <p>
                {order.collectionPoint.name}
                <br />
                <span className="text-slate-600">{order.collectionPoint.address}</span>
                {order.collectionPoint.openingHours && (
                  <>
                    <br />
                    <span className="text-slate-600">Open {order.collectionPoint.openingHours}</span>
                  </>
                )}
              </p>
            ) : order.delivery ? (
              <p className="whitespace-pre-line">
                {order.delivery.name && (
                  <>
                    {order.delivery.name}
                    <br />
                  </>
                )}
                {order.delivery.address}
                {order.delivery.phone && (
                  <>
                    <br />
                    <span className="text-slate-600">{order.delivery.phone}</span>
                  </>
                )}
              </p>
            ) : (
              <p className="text-slate-500">No delivery details.</p>
            )}
          </section>
          <section aria-labelledby="order-notes" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <h2 id="order-notes" className="mb-1 font-semibold">
              Notes
            </h2>
            <p className="whitespace-pre-line text-slate-700">{order.notes ?? <span className="text-slate-500">None.</span>}</p>
          </section>
        </div>
      </div>
    </main>
  );
}
