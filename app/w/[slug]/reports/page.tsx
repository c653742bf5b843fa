import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { ConversationsDownload } from '@/components/reports/conversations-download';
import { ReportFiltersForm } from '@/components/reports/report-filters';
import { AgentsSection, BotSection, ConversationsSection, CsatSection, ResponseSection, SalesSection } from '@/components/reports/report-sections';
import { requireWorkspaceMember } from '@/lib/auth/workspace-page';
import { UserError } from '@/lib/errors';
import { loadReports } from '@/lib/reports';
import { defaultRange } from '@/lib/reports/filters';
import { reportFilterOptions } from '@/lib/reports/options';
import { loadShop } from '@/lib/reports/shop';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const ctx = await requireWorkspaceMember(slug);
  const db = getDb();
  const query = await searchParams;
  const shop = await loadShop(db, ctx.workspaceId);
  const raw = { ...defaultRange(new Date(), shop.zone), ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined)) };
  const isAdmin = ctx.actor.role === 'admin';
  const options = await reportFilterOptions(db, ctx.workspaceId);
  const basePath = `/w/${slug}/reports`;
  let reports;
  try {
    reports = await loadReports(db, ctx, raw);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const fallback = { ...defaultRange(new Date(), shop.zone), businessHours: false };
    return (
      <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
        <div className="mx-auto max-w-6xl space-y-4">
          <h1 className="text-xl font-semibold">Reports</h1>
          <ReportFiltersForm basePath={basePath} filters={fallback} options={options} isAdmin={isAdmin} zone={shop.zone} />
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {error.message}
          </p>
        </div>
      </main>
    );
  }
  const f = reports.filters;
  const download = new URLSearchParams(Object.entries({ from: f.from, to: f.to, channel: f.channel, team: f.team, agent: f.agent, tag: f.tag }).filter((e): e is [string, string] => Boolean(e[1])));
  const file = (name: string) => `${name}-${f.from}-${f.to}.csv`;

  return (
    <main className="h-full overflow-y-auto p-3 sm:p-4 md:p-8">
      <div className="mx-auto max-w-6xl space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">Reports</h1>
          {!isAdmin && <p className="text-sm text-slate-600">Your own conversations and figures</p>}
        </div>
        <ReportFiltersForm basePath={basePath} filters={f} options={options} isAdmin={isAdmin} zone={shop.zone} />
        <ConversationsDownload href={`/api/w/${ctx.workspaceId}/reports/conversations?${download.toString()}`} filename={file('conversations')} />
        <ConversationsSection r={reports} file={file} />
        <ResponseSection r={reports} file={file} />
        <AgentsSection r={reports} file={file} />
        <BotSection r={reports} file={file} />
        <SalesSection r={reports} file={file} />
        <CsatSection r={reports} file={file} />
      </div>
    </main>
  );
}
