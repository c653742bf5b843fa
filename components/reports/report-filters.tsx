import Link from 'next/link';
import type { ReportFilters } from '@/lib/reports/filters';
import type { ReportFilterOptions } from '@/lib/reports/options';

const field = 'mt-1 block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** Range and filters as a plain GET form: the state lives in the URL, checked by lib/reports. */
export function ReportFiltersForm({
  basePath,
  filters,
  options,
  isAdmin,
  zone,
}: {
  basePath: string;
  filters: ReportFilters;
  options: ReportFilterOptions;
  isAdmin: boolean;
  zone: string;
}) {
  const select = (name: string, label: string, value: string | undefined, items: { id: string; name: string }[], any: string) => (
    <label className="block min-w-0 text-sm">
      <span className="text-slate-600">{label}</span>
      <select name={name} aria-label={label} defaultValue={value ?? ''} className={field}>
        <option value="">{any}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action={basePath} aria-label="Report filters" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7">
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">From</span>
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className="block min-w-0 text-sm">
        <span className="text-slate-600">To</span>
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      {select('channel', 'Channel', filters.channel, options.channels, 'All channels')}
      {select('team', 'Team', filters.team, options.teams, 'All teams')}
      {isAdmin && select('agent', 'Agent', filters.agent, options.members, 'All agents')}
      {select('tag', 'Tag', filters.tag, options.tags, 'Any tag')}
      <label className="col-span-2 flex items-center gap-2 self-end text-sm sm:col-span-1">
        <input type="checkbox" name="businessHours" value="1" defaultChecked={filters.businessHours} />
        <span>Business hours only</span>
      </label>
      <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-3 lg:col-span-7">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href={basePath} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
          Reset
        </Link>
        <p className="ml-auto min-w-0 self-center break-words text-xs text-slate-500">Days and hours in the shop&apos;s zone, {zone}</p>
      </div>
    </form>
  );
}
