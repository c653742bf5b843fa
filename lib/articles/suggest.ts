import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { workspaces } from '@/db/schema';
import { articlePath, helpCentrePath } from './links';
import { isArticleLocale } from './locales';
import { searchArticles } from './search';

// What the website chat offers from the knowledge base: a link to the help centre, and up to
// three articles matching the visitor's first message while nobody has answered yet.

export type SuggestedArticle = { title: string; excerpt: string | null; url: string };

/** The help centre's path when the shop has published articles, else null (no link in the widget). */
export async function helpCentreLink(db: DbOrTx, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: workspaces.slug, any: sql<boolean>`exists (select 1 from articles a where a.workspace_id = ${workspaceId} and a.status = 'published')` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  return row?.any ? helpCentrePath(row.slug) : null;
}

/**
 * Up to three published articles sharing words with the message, in the widget's language,
 * else in the shop's main language (the one with most published articles). One language at
 * a time: its own stemming and stop words, so "how can I" matches nothing by itself.
 */
export async function suggestArticles(db: DbOrTx, workspaceId: string, message: string, language: string | null, origin: string): Promise<SuggestedArticle[]> {
  const q = message.trim().slice(0, 200);
  if (q.length < 3) return [];
  const [ws] = await db
    .select({
      slug: workspaces.slug,
      main: sql<string | null>`(select a.locale from articles a where a.workspace_id = ${workspaceId} and a.status = 'published' group by a.locale order by count(*) desc, a.locale limit 1)`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  if (!ws?.main) return [];
  const tried = new Set<string>();
  for (const locale of [language, ws.main]) {
    if (!locale || !isArticleLocale(locale) || tried.has(locale)) continue;
    tried.add(locale);
    const hits = await searchArticles(db, workspaceId, { q, locale, match: 'any', limit: 3 });
    if (hits.length) return hits.map((h) => ({ title: h.title, excerpt: h.excerpt || null, url: `${origin}${articlePath(ws.slug, h.slug, h.locale)}` }));
  }
  return [];
}
