'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changeOrderStatusAction } from '@/app/w/[slug]/orders/actions';
import type { OrderStatus } from '@/db/schema';

const labels: Record<OrderStatus, string> = {
  pending_payment: 'Pending payment',
  paid: 'Mark as paid',
  fulfilled: 'Mark as fulfilled',
  cancelled: 'Cancel order',
};

/** The next statuses an order may take; cancelling asks first (it returns stock). */
export function OrderStatusActions({ workspaceId, orderId, status, next }: { workspaceId: string; orderId: string; status: OrderStatus; next: readonly OrderStatus[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (next.length === 0) return null;
  const move = (to: OrderStatus) =>
    start(async () => {
      if (to === 'cancelled' && !window.confirm('Cancel this order? Its items go back into stock.')) return;
      setError(null);
      const result = await changeOrderStatusAction({ workspaceId, orderId, from: status, to });
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {next.map((to) => (
          <button
            key={to}
            type="button"
            disabled={pending}
            onClick={() => move(to)}
            className={
              to === 'cancelled'
                ? 'rounded-md border border-red-200 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50'
                : 'rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50'
            }
          >
            {labels[to]}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
