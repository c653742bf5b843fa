import Link from 'next/link';
import { orderStatuses } from '@/db/schema';
import type { OrderListQuery } from '@/lib/commerce/order-list';
import { orderStatusLabels } from '@/lib/commerce/order-status';

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm';

/** Search and filters as a plain GET form: the state lives in the URL (validated by the page). */
export function OrdersFilters({ basePath, query, points, timeZone }: { basePath: string; query: OrderListQuery; points: { id: string; name: string }[]; timeZone: string }) {
  const filtered = Boolean(query.q || query.from || query.to || query.status || query.point);
  return (
    <form method="get" action={basePath} role="search" aria-label="Search orders" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6">
      <label className="col-span-2 block min-w-0 text-sm sm:col-span-3 lg:col-span-2">
        <span className="text-slate-600">Order number or customer</span>
        <input type="search" name="q" defaultValue={query.q ?? ''} placeholder="#1052 or Kerry" className={field} />
      </label>
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">From</span>
        <input type="date" name="from" defaultValue={query.from ?? ''} className={field} />
      </label>
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">To</span>
        <input type="date" name="to" defaultValue={query.to ?? ''} className={field} />
      </label>
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">Status</span>
        <select name="status" defaultValue={query.status ?? ''} className={field}>
          <option value="">Any status</option>
          {orderStatuses.map((s) => (
            <option key={s} value={s}>
              {orderStatusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">Collection point</span>
        <select name="point" defaultValue={query.point ?? ''} className={field}>
          <option value="">Any</option>
          {points.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {/* Wraps on a phone: the zone note can be long ("America/Argentina/Buenos_Aires (GMT−03:00)"). */}
      <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-3 lg:col-span-6">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        {filtered && (
          <Link href={basePath} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
            Clear
          </Link>
        )}
        <p className="ml-auto min-w-0 self-center break-words text-xs text-slate-500">Days and times in {timeZone}</p>
      </div>
    </form>
  );
}
