import type { Metadata } from 'next';
import { cache } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/components/help/article-body';
import { HelpShell } from '@/components/help/help-shell';
import { getDb } from '@/lib/db';
import { loadHelpCentre, pickLocale, readPublishedArticle } from '@/lib/articles/help-centre';
import { helpCentrePath } from '@/lib/articles/links';
import { isArticleLocale } from '@/lib/articles/locales';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const centreOf = cache((slug: string) => loadHelpCentre(getDb(), slug));
// One read (and one view counted) per request, shared by the metadata and the page.
const articleOf = cache((workspaceId: string, slug: string, lang: string | undefined) => readPublishedArticle(getDb(), workspaceId, slug, lang));

async function load(props: Props) {
  const { workspace, slug } = await props.params;
  const lang = (await props.searchParams).lang;
  const centre = await centreOf(workspace);
  if (!centre) return null;
  const article = await articleOf(centre.workspaceId, decodeURIComponent(slug), typeof lang === 'string' ? lang : undefined);
  return article ? { centre, article } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const found = await load(props);
  return found ? { title: { absolute: `${found.article.title} · ${found.centre.name}` }, description: found.article.excerpt } : { title: 'Article not found' };
}

export default async function HelpArticlePage(props: Props) {
  const found = await load(props);
  if (!found) notFound();
  const { centre, article } = found;
  const locale = isArticleLocale(article.locale) ? article.locale : pickLocale(centre, undefined);
  const updated = article.updatedAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <HelpShell centre={centre} locale={locale} q="">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={`${helpCentrePath(centre.slug)}?lang=${article.locale}`} className="underline underline-offset-2">
          Help centre
        </Link>
        {article.categoryName && <span> / {article.categoryName}</span>}
      </nav>
      <article className="mt-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" lang={article.locale}>
        <h1 className="text-2xl font-semibold">{article.title}</h1>
        <p className="mt-1 text-xs text-slate-500">
          Updated <time dateTime={article.updatedAt.toISOString()}>{updated}</time>
        </p>
        <ArticleBody html={article.html} className="mt-2" />
      </article>
    </HelpShell>
  );
}
