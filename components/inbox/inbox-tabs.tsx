import Link from 'next/link';
import { formatCount, type InboxTab, type TabCounts } from '@/lib/inbox/list-query';

const tabs: { id: InboxTab; label: string; hint: string }[] = [
  { id: 'active', label: 'Active', hint: 'Assigned to you' },
  { id: 'requests', label: 'Requests', hint: 'Waiting for an agent' },
  { id: 'bot', label: 'Bot', hint: 'Handled by a flow' },
  { id: 'all', label: 'All', hint: 'Every open conversation' },
  { id: 'resolved', label: 'Resolved', hint: 'Completed conversations' },
];

/**
 * The list's tabs, as in the mobile app. Links (they work without JavaScript); `onNavigate`
 * lets the list show it is loading. Counts are open conversations per tab, capped ("99+").
 */
export function InboxTabs({
  current,
  hrefFor,
  counts,
  onNavigate,
  className = '',
}: {
  current: InboxTab;
  hrefFor: (tab: InboxTab) => string;
  counts?: TabCounts | null;
  onNavigate?: (href: string, event: React.MouseEvent<HTMLAnchorElement>) => void;
  className?: string;
}) {
  return (
    // Five tabs with counts do not fit a 320–340 px list side by side: each count sits under
    // its label, so every tab (Resolved too) stays in view at every width.
    <nav aria-label="Inbox tabs" className={`flex overflow-x-auto border-slate-200 px-1 ${className}`}>
      {tabs.map((t) => {
        const href = hrefFor(t.id);
        const count = t.id !== 'resolved' ? counts?.[t.id] : undefined;
        const selected = t.id === current;
        return (
          <Link
            key={t.id}
            href={href}
            title={t.hint}
            onClick={onNavigate ? (e) => onNavigate(href, e) : undefined}
            aria-current={selected ? 'page' : undefined}
            className={`flex min-h-11 flex-1 flex-col items-center justify-center gap-0.5 whitespace-nowrap border-b-2 px-1.5 pb-1.5 pt-2 text-sm font-medium ${
              selected ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {t.label}
            {count && count.count > 0 && (
              <span
                data-testid={`tab-count-${t.id}`}
                className={`rounded-full px-1.5 text-[11px] font-semibold leading-4 ${selected ? 'bg-brand-100 text-brand-700' : 'bg-slate-100 text-slate-600'}`}
              >
                <span className="sr-only">(</span>
                {formatCount(count)}
                <span className="sr-only">)</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
