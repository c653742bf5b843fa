import Link from 'next/link';
import { BookOpen, Search } from 'lucide-react';
import type { HelpCentre } from '@/lib/articles/help-centre';
import { ARTICLE_LOCALE_LABELS, type ArticleLocale } from '@/lib/articles/locales';
import { helpCentrePath } from '@/lib/articles/links';

/** The help centre's frame: the shop's name in its website-chat colour, the search box and the language switch. */
export function HelpShell({ centre, locale, q, children }: { centre: HelpCentre; locale: ArticleLocale | undefined; q: string; children: React.ReactNode }) {
  const home = helpCentrePath(centre.slug);
  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900" lang={locale}>
      <header style={{ background: centre.color, color: centre.textColor }}>
        <div className="mx-auto max-w-3xl px-4 py-6">
          <Link href={locale ? `${home}?lang=${locale}` : home} className="flex items-center gap-2 text-lg font-semibold">
            <BookOpen className="size-5 shrink-0" aria-hidden />
            <span className="min-w-0 truncate">{centre.name} · Help centre</span>
          </Link>
          <form action={home} method="get" role="search" className="mt-4 flex gap-2">
            {locale && <input type="hidden" name="lang" value={locale} />}
            <label htmlFor="help-search" className="sr-only">
              Search the help centre
            </label>
            <input
              id="help-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={200}
              placeholder="Search articles"
              className="min-w-0 flex-1 rounded-md border border-white/40 bg-white px-3 py-2 text-sm text-slate-900"
            />
            <button type="submit" className="flex items-center gap-1 rounded-md bg-slate-900/80 px-3 py-2 text-sm font-medium text-white hover:bg-slate-900">
              <Search className="size-4" aria-hidden />
              Search
            </button>
          </form>
          {centre.locales.length > 1 && (
            <nav aria-label="Language" className="mt-3 flex flex-wrap gap-2 text-sm">
              {centre.locales.map((l) => (
                <Link
                  key={l}
                  href={`${home}?lang=${l}`}
                  aria-current={l === locale ? 'true' : undefined}
                  className={`rounded-full px-2.5 py-0.5 ${l === locale ? 'bg-white/90 text-slate-900' : 'underline underline-offset-2'}`}
                >
                  {ARTICLE_LOCALE_LABELS[l]}
                </Link>
              ))}
            </nav>
          )}
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-6">{children}</main>
    </div>
  );
}

export type ArticleLinkItem = { id: string; title: string; excerpt: string; slug: string; locale: string };

export function ArticleLinks({ workspaceSlug, items, label }: { workspaceSlug: string; items: ArticleLinkItem[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
      {items.map((a) => (
        <li key={a.id}>
          {/* A plain link: a prefetch must not count as a view (lib/articles/help-centre.ts counts each page read). */}
          <a href={`/help/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(a.slug)}?lang=${a.locale}`} className="block px-4 py-3 hover:bg-slate-50">
            <span className="block font-medium text-slate-900">{a.title}</span>
            {a.excerpt && <span className="mt-0.5 block text-sm text-slate-600">{a.excerpt}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}
