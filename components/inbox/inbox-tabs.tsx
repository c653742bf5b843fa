import Link from 'next/link';
import type { InboxTab } from '@/lib/inbox/list';

const tabs: { id: InboxTab; label: string; hint: string }[] = [
  { id: 'active', label: 'Active', hint: 'Assigned to you' },
  { id: 'requests', label: 'Requests', hint: 'Waiting for an agent' },
  { id: 'bot', label: 'Bot', hint: 'Handled by a flow' },
  { id: 'all', label: 'All', hint: 'Every open conversation' },
  { id: 'resolved', label: 'Resolved', hint: 'Completed conversations' },
];

export function InboxTabs({ basePath, current }: { basePath: string; current: InboxTab }) {
  return (
    <nav aria-label="Inbox tabs" className="flex gap-1 overflow-x-auto border-b border-slate-200 px-2">
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={`${basePath}?tab=${t.id}`}
          title={t.hint}
          aria-current={t.id === current ? 'page' : undefined}
          className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
            t.id === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
