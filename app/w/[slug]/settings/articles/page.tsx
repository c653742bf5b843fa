import type { Metadata } from 'next';
import Link from 'next/link';
import { ExternalLink, Plus } from 'lucide-react';
import { getDb } from '@/lib/db';
import { EmptyState, SelectField } from '@/components/ui/form-kit';
import { RelativeTime } from '@/components/ui/relative-time';
import { CategoryManager } from '@/components/settings/articles/category-manager';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listArticles, listArticlesInput } from '@/lib/articles/admin';
import { listCategories } from '@/lib/articles/categories';
import { helpCentrePath } from '@/lib/articles/links';
import { ARTICLE_LOCALE_CODES, ARTICLE_LOCALE_LABELS, ARTICLE_STATUS_LABELS } from '@/lib/articles/locales';

export const metadata: Metadata = { title: 'Articles' };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const statusStyle = { draft: 'bg-amber-100 text-amber-800', published: 'bg-emerald-100 text-emerald-800', archived: 'bg-slate-200 text-slate-700' } as const;

export default async function ArticlesSettingsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const raw = await searchParams;
  const parsed = listArticlesInput.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')));
  const filters = parsed.success ? parsed.data : listArticlesInput.parse({});
  const [rows, categories] = await Promise.all([listArticles(getDb(), ctx, filters), listCategories(getDb(), ctx)]);
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const filtered = Boolean(filters.q || filters.status || filters.categoryId || filters.locale);
  return (
    <section className="max-w-4xl">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Articles</h1>
        <a href={helpCentrePath(slug)} target="_blank" rel="noopener noreferrer" className="flex items-center gap-1 text-sm text-brand-700 hover:underline">
          Open the help centre <ExternalLink className="size-3.5" aria-hidden />
        </a>
        <Link href={`/w/${slug}/settings/articles/new`} className="ml-auto flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          <Plus className="size-4" aria-hidden /> New article
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Your knowledge base: published articles appear in the help centre, agents send them from the composer, the bot can send them in a flow, and the website chat suggests them.
      </p>

      <form method="get" role="search" aria-label="Filter articles" className="mt-6 grid items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_9rem_10rem_10rem_auto]">
        <div>
          <label htmlFor="article-q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <input id="article-q" name="q" type="search" defaultValue={filters.q} maxLength={200} placeholder="Title or text" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <SelectField label="Status" name="status" defaultValue={filters.status} choices={[['', 'Any status'], ...Object.entries(ARTICLE_STATUS_LABELS)] as [string, string][]} />
        <SelectField label="Category" name="categoryId" defaultValue={filters.categoryId} choices={[['', 'Any category'], ...categories.map((c) => [c.id, c.name] as [string, string])]} />
        <SelectField label="Language" name="locale" defaultValue={filters.locale} choices={[['', 'Any language'], ...ARTICLE_LOCALE_CODES.map((c) => [c, ARTICLE_LOCALE_LABELS[c]] as [string, string])]} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Filter
        </button>
      </form>

      {rows.length === 0 ? (
        <EmptyState>{filtered ? 'No article matches these filters.' : 'No articles yet. Write your returns, shipping and sizing answers once, and send them in any chat.'}</EmptyState>
      ) : (
        <ul aria-label="Articles" className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rows.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
              <Link href={`/w/${slug}/settings/articles/${a.id}`} className="min-w-0 flex-1 font-medium text-slate-900 hover:underline">
                {a.title}
              </Link>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[a.status]}`}>{ARTICLE_STATUS_LABELS[a.status]}</span>
              <span className="text-xs text-slate-500">
                {ARTICLE_LOCALE_LABELS[a.locale as keyof typeof ARTICLE_LOCALE_LABELS] ?? a.locale}
                {a.categoryId && categoryName.get(a.categoryId) ? ` · ${categoryName.get(a.categoryId)}` : ''} · {a.views} {a.views === 1 ? 'view' : 'views'} · updated <RelativeTime iso={a.updatedAt.toISOString()} />
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-10 text-lg font-semibold">Categories</h2>
      <div className="mt-3">
        <CategoryManager workspaceId={ctx.workspaceId} categories={categories} />
      </div>
    </section>
  );
}
