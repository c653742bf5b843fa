import Link from 'next/link';
import { LocalTime } from '@/components/time/time-zone';
import type { OrderRow } from '@/lib/commerce/order-list';
import { OrderLines } from './order-lines';
import { OrderStatusBadge } from './order-status-badge';

/** The orders list: a table with a caption and column headers; less important columns hide on phones. */
export function OrdersTable({ basePath, rows, caption }: { basePath: string; rows: OrderRow[]; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Order
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Customer
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
              Items
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
              Placed
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
              Collection point
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((o) => (
            <tr key={o.id} className="hover:bg-slate-50">
              <th scope="row" className="px-3 py-2 font-semibold">
                <Link href={`${basePath}/${o.id}`} className="text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                  #{o.number}
                </Link>
              </th>
              <td className="max-w-40 truncate px-3 py-2">{o.customer.name ?? <span className="text-slate-400">Deleted customer</span>}</td>
              <td className="hidden max-w-72 px-3 py-2 text-slate-700 lg:table-cell">
                <OrderLines lines={o.lines} label={`Items of order #${o.number}`} />
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 sm:table-cell">
                <LocalTime value={o.createdAt.toISOString()} />
              </td>
              <td className="px-3 py-2">
                <OrderStatusBadge status={o.status} />
              </td>
              <td className="hidden px-3 py-2 text-slate-600 md:table-cell">{o.collectionPoint ?? 'Delivery'}</td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{o.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
