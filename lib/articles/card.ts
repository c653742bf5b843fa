import { and, eq, inArray } from 'drizzle-orm';
import type { ArticleCard } from '@/channels/types';
import type { DbOrTx } from '@/db/client';
import { articles, workspaces } from '@/db/schema';
import { UserError } from '@/lib/errors';
import { articlePath } from './links';

/**
 * The card for an article as it is now (title, summary, link): what a chat keeps. Only a
 * published article has a public page, so drafts and archived articles are refused.
 */
export async function publishedArticleCard(db: DbOrTx, workspaceId: string, articleId: string, origin: string): Promise<ArticleCard> {
  const [row] = await db
    .select({ id: articles.id, title: articles.title, excerpt: articles.excerpt, slug: articles.slug, locale: articles.locale, status: articles.status, workspaceSlug: workspaces.slug })
    .from(articles)
    .innerJoin(workspaces, eq(workspaces.id, articles.workspaceId))
    .where(and(eq(articles.id, articleId), eq(articles.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This article does not exist.');
  if (row.status !== 'published') {
    throw new UserError('conflict', `"${row.title}" is ${row.status === 'draft' ? 'a draft' : 'archived'}: only published articles can be sent.`);
  }
  return { articleId: row.id, title: row.title, excerpt: row.excerpt, url: `${origin}${articlePath(row.workspaceSlug, row.slug, row.locale)}` };
}

/** The published ones among these articles, as cards by id: what a flow can send (lib/flows). */
export async function publishedArticleCards(db: DbOrTx, workspaceId: string, ids: string[], origin: string): Promise<Record<string, ArticleCard>> {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (uuids.length === 0) return {};
  const rows = await db
    .select({ id: articles.id, title: articles.title, excerpt: articles.excerpt, slug: articles.slug, locale: articles.locale, workspaceSlug: workspaces.slug })
    .from(articles)
    .innerJoin(workspaces, eq(workspaces.id, articles.workspaceId))
    .where(and(eq(articles.workspaceId, workspaceId), eq(articles.status, 'published'), inArray(articles.id, uuids)));
  return Object.fromEntries(rows.map((r) => [r.id, { articleId: r.id, title: r.title, excerpt: r.excerpt, url: `${origin}${articlePath(r.workspaceSlug, r.slug, r.locale)}` }]));
}
