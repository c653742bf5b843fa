import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { articleCategories, articles, channels, workspaces } from '@/db/schema';
import { readableTextColor } from '@/lib/widget/colors';
import { readWidgetSettings, WIDGET_DEFAULTS } from '@/lib/widget/settings-shape';
import { isArticleLocale, type ArticleLocale } from './locales';
import { renderArticleHtml, type SafeArticleHtml } from './render';
import { searchArticles, type ArticleHit } from './search';

// The public help centre (/help/{workspace}): no session, published articles only, in the
// look of the shop's website chat.

export type HelpCentre = {
  workspaceId: string;
  name: string;
  slug: string;
  color: string;
  textColor: string;
  /** Languages that have published articles, most articles first. */
  locales: ArticleLocale[];
};

export async function loadHelpCentre(db: DbOrTx, workspaceSlug: string): Promise<HelpCentre | null> {
  const [ws] = await db.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.slug, workspaceSlug)).limit(1);
  if (!ws) return null;
  const [web] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, ws.id), eq(channels.kind, 'web'), eq(channels.enabled, true)))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  const color = web ? readWidgetSettings(web.settings).color : WIDGET_DEFAULTS.color;
  const localeRows = await db
    .select({ locale: articles.locale, n: sql<number>`count(*)::int` })
    .from(articles)
    .where(and(eq(articles.workspaceId, ws.id), eq(articles.status, 'published')))
    .groupBy(articles.locale)
    .orderBy(sql`count(*) desc`, asc(articles.locale));
  return {
    workspaceId: ws.id,
    name: ws.name,
    slug: ws.slug,
    color,
    textColor: readableTextColor(color),
    locales: localeRows.map((r) => r.locale).filter(isArticleLocale),
  };
}

/** The language to show: the one asked for if it has articles, else the one with most. */
export function pickLocale(centre: HelpCentre, wanted: string | undefined): ArticleLocale | undefined {
  if (wanted && isArticleLocale(wanted) && centre.locales.includes(wanted)) return wanted;
  return centre.locales[0];
}

export type HelpSection = { id: string | null; name: string; articles: ArticleHit[] };

/** The front page: published articles of one language, grouped by category in the shop's order. */
export async function helpCentreSections(db: DbOrTx, workspaceId: string, locale: ArticleLocale | undefined): Promise<HelpSection[]> {
  const [cats, hits] = await Promise.all([
    db
      .select({ id: articleCategories.id, name: articleCategories.name, locale: articleCategories.locale })
      .from(articleCategories)
      .where(eq(articleCategories.workspaceId, workspaceId))
      .orderBy(asc(articleCategories.position), asc(articleCategories.name)),
    searchArticles(db, workspaceId, { q: '', ...(locale ? { locale } : {}), limit: 100 }),
  ]);
  const sections: HelpSection[] = cats
    .filter((c) => !c.locale || c.locale === locale)
    .map((c) => ({ id: c.id, name: c.name, articles: hits.filter((h) => h.categoryId === c.id).sort((a, b) => a.title.localeCompare(b.title)) }));
  const filed = new Set(sections.flatMap((s) => s.articles.map((a) => a.id)));
  const loose = hits.filter((h) => !filed.has(h.id)).sort((a, b) => a.title.localeCompare(b.title));
  if (loose.length) sections.push({ id: null, name: 'More articles', articles: loose });
  return sections.filter((s) => s.articles.length > 0);
}

export async function searchHelpCentre(db: DbOrTx, workspaceId: string, q: string, locale: ArticleLocale | undefined): Promise<ArticleHit[]> {
  return searchArticles(db, workspaceId, { q, ...(locale ? { locale } : {}), limit: 20 });
}

export type PublicArticle = {
  id: string;
  title: string;
  excerpt: string;
  html: SafeArticleHtml;
  locale: string;
  slug: string;
  publishedAt: Date | null;
  updatedAt: Date;
  categoryName: string | null;
};

/**
 * A published article by its slug (in the language asked for, else any language), counted
 * as one view. Drafts and archived articles are not found.
 */
export async function readPublishedArticle(db: DbOrTx, workspaceId: string, slug: string, locale: string | undefined): Promise<PublicArticle | null> {
  const [row] = await db
    .update(articles)
    .set({ views: sql`${articles.views} + 1` })
    .where(
      sql`${articles.id} = (
        select a.id from articles a
        where a.workspace_id = ${workspaceId} and a.slug = ${slug} and a.status = 'published'
        order by (a.locale = ${locale ?? ''}) desc, a.published_at asc
        limit 1)`,
    )
    .returning();
  if (!row) return null;
  const [category] = row.categoryId
    ? await db.select({ name: articleCategories.name }).from(articleCategories).where(eq(articleCategories.id, row.categoryId)).limit(1)
    : [];
  return {
    id: row.id,
    title: row.title,
    excerpt: row.excerpt,
    html: renderArticleHtml(row.bodyMd),
    locale: row.locale,
    slug: row.slug,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    categoryName: category?.name ?? null,
  };
}
