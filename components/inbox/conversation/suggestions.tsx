'use client';

export type Suggestion = { id: string; title: string; detail: string; group?: string; insert: string };

/**
 * The `/` shortcuts or `#` text blocks list under the composer. Focus stays in the
 * textarea (it points here with aria-activedescendant); arrows move, Enter or Tab inserts,
 * Escape closes. Mouse clicks insert too, without stealing focus.
 */
export function SuggestionList({
  id,
  label,
  items,
  active,
  loading,
  emptyText,
  onPick,
  onHover,
}: {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  loading: boolean;
  emptyText: string;
  onPick(item: Suggestion): void;
  onHover(index: number): void;
}) {
  return (
    <div className="absolute bottom-full left-0 right-0 z-20 mb-1 max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white shadow-lg">
      <p className="border-b border-slate-100 px-3 py-1.5 text-xs font-medium text-slate-500">
        {label}
        <span className="float-right font-normal">↑↓ to choose · Enter to insert · Esc to close</span>
      </p>
      <ul id={id} role="listbox" aria-label={label}>
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(item);
            }}
            onMouseEnter={() => onHover(i)}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? 'bg-brand-50' : ''}`}
          >
            <span className="font-medium text-slate-900">{item.title}</span>
            {item.group && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{item.group}</span>}
            <span className="block truncate text-xs text-slate-500">{item.detail}</span>
          </li>
        ))}
      </ul>
      {items.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">{loading ? 'Searching…' : emptyText}</p>}
    </div>
  );
}
