import { SetBadge } from '@/components/ui/set-badge';
import type { OrderLineSummary } from '@/lib/commerce/order-lines';

/**
 * An order's items in a short list for tables and panels: "2 × Straw sun hat"; a set line
 * carries the Set badge and what it held, in text (not a tooltip) so every reader gets it.
 */
export function OrderLines({ lines, label, className = '' }: { lines: OrderLineSummary[]; label: string; className?: string }) {
  if (lines.length === 0) return null;
  return (
    <ul aria-label={label} className={`space-y-0.5 ${className}`}>
      {lines.map((line) => (
        <li key={line.id}>
          {line.quantity} × {line.name}
          {line.setContents && (
            <>
              {' '}
              <SetBadge className="px-1.5 py-0 align-baseline" />{' '}
              <span className="text-slate-500">
                ({line.quantity > 1 ? 'each: ' : ''}
                {line.setContents})
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
