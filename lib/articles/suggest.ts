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
    .select({ slug: workspaces.slug, any: sql<boolean>`exists (select 1 from articles a where a.workspace_id = ${workspaces.id} and a.status = 'published')` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  return row?.any ? helpCentrePath(row.slug) : null;
}

/**
 * Up to three published articles sharing words with the message, in the widget's language
 * first and in any language when that finds none.
 */
export async function suggestArticles(db: DbOrTx, workspaceId: string, message: string, language: string | null, origin: string): Promise<SuggestedArticle[]> {
  const q = message.trim().slice(0, 200);
  if (q.length < 3) return [];
  const [ws] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) return [];
  const locale = language && isArticleLocale(language) ? language : undefined;
  let hits = locale ? await searchArticles(db, workspaceId, { q, locale, match: 'any', limit: 3 }) : [];
  if (hits.length === 0) hits = await searchArticles(db, workspaceId, { q, match: 'any', limit: 3 });
  return hits.map((h) => ({ title: h.title, excerpt: h.excerpt || null, url: `${origin}${articlePath(ws.slug, h.slug, h.locale)}` }));
}
