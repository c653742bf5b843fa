import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { articles, articleStatuses, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { assertOwnCategory } from './categories';
import { scriptGrams } from './grams';
import { ARTICLE_LOCALE_CODES } from './locales';
import { excerptOf } from './render';
import { searchArticles } from './search';
import { slugify } from './slug';

// Writing articles (admins: the Settings screen is theirs) and reading them for the
// settings list. Agents read and send published articles (lib/articles/send.ts).

export const listArticlesInput = z.object({
  q: z.string().trim().max(200).default(''),
  status: z.union([z.enum(articleStatuses), z.literal('')]).default(''),
  categoryId: z.union([z.uuid(), z.literal('')]).default(''),
  locale: z.union([z.enum(ARTICLE_LOCALE_CODES), z.literal('')]).default(''),
});

export async function listArticles(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, input: z.infer<typeof listArticlesInput>) {
  return searchArticles(db, ctx.workspaceId, {
    q: input.q,
    statuses: input.status ? [input.status] : [...articleStatuses],
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    limit: 100,
  });
}

export async function getArticle(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>, id: string) {
  const [row] = await db
    .select({ article: articles, authorName: users.name })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.id, id), eq(articles.workspaceId, ctx.workspaceId)))
    .limit(1);
  return row ? { ...row.article, authorName: row.authorName } : null;
}

const slugField = z
  .string()
  .trim()
  .max(80)
  .regex(/^[\p{L}\p{M}\p{N}-]*$/u, 'Use letters, digits and hyphens.')
  .default('');

export const saveArticleInput = z.object({
  id: z.uuid().optional(),
  title: z.string().trim().min(1, 'Give the article a title.').max(200, 'Keep the title under 200 characters.'),
  slug: slugField,
  bodyMd: z.string().max(100_000, 'Articles are limited to 100,000 characters.').default(''),
  excerpt: z.string().trim().max(300, 'Keep the summary under 300 characters.').default(''),
  locale: z.enum(ARTICLE_LOCALE_CODES, 'Choose a language.'),
  categoryId: z.union([z.uuid(), z.literal('')]).default('').transform((v) => v || null),
});

/** A slug free within the workspace and language: the wanted one, else with -2, -3 … */
async function freeSlug(db: DbOrTx, workspaceId: string, locale: string, wanted: string, exceptId: string | undefined): Promise<string> {
  const taken = await db
    .select({ slug: articles.slug })
    .from(articles)
    .where(
      and(
        eq(articles.workspaceId, workspaceId),
        eq(articles.locale, locale),
        sql`${articles.slug} like ${`${wanted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
        ...(exceptId ? [ne(articles.id, exceptId)] : []),
      ),
    );
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** Creates or edits an article; its status does not change here (publish/unpublish/archive do). */
export async function saveArticle(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof saveArticleInput>) {
  await assertOwnCategory(db, ctx.workspaceId, input.categoryId);
  const slug = await freeSlug(db, ctx.workspaceId, input.locale, input.slug || slugify(input.title), input.id);
  const values = {
    title: input.title,
    slug,
    bodyMd: input.bodyMd,
    // Stored, so a card, a search hit and the help centre show the same summary.
    excerpt: excerptOf(input.excerpt, input.bodyMd),
    searchGrams: scriptGrams(`${input.title} ${input.bodyMd}`),
    locale: input.locale,
    categoryId: input.categoryId,
    updatedAt: new Date(),
  };
  if (input.id) {
    const [row] = await db
      .update(articles)
      .set(values)
      .where(and(eq(articles.id, input.id), eq(articles.workspaceId, ctx.workspaceId)))
      .returning({ id: articles.id, slug: articles.slug });
    if (!row) throw new UserError('not_found', 'This article no longer exists.');
    await writeAudit(db, ctx, 'article.updated', { type: 'article', id: row.id }, { title: input.title });
    return row;
  }
  const [row] = await db
    .insert(articles)
    .values({ ...values, workspaceId: ctx.workspaceId, authorId: ctx.actor.id, status: 'draft' })
    .returning({ id: articles.id, slug: articles.slug });
  await writeAudit(db, ctx, 'article.created', { type: 'article', id: row.id }, { title: input.title });
  return row;
}

export const setArticleStatusInput = z.object({ id: z.uuid(), status: z.enum(articleStatuses) });

/** Publish, unpublish (back to draft) or archive. */
export async function setArticleStatus(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof setArticleStatusInput>) {
  const current = await getArticle(db, ctx, input.id);
  if (!current) throw new UserError('not_found', 'This article no longer exists.');
  if (input.status === 'published' && !current.bodyMd.trim()) throw new UserError('invalid', 'Write the article before publishing it.');
  const [row] = await db
    .update(articles)
    .set({
      status: input.status,
      updatedAt: new Date(),
      // The first publication is the article's date; re-publishing keeps it.
      ...(input.status === 'published' ? { publishedAt: sql`coalesce(${articles.publishedAt}, now())` } : {}),
    })
    .where(and(eq(articles.id, input.id), eq(articles.workspaceId, ctx.workspaceId)))
    .returning({ id: articles.id, title: articles.title });
  if (!row) throw new UserError('not_found', 'This article no longer exists.');
  await writeAudit(db, ctx, `article.${input.status}`, { type: 'article', id: row.id }, { title: row.title });
  return { id: row.id, status: input.status };
}

export const deleteArticleInput = z.object({ id: z.uuid() });

/** Deletes an article. Chats it was sent in keep their card (a snapshot), whose link then finds nothing. */
export async function deleteArticle(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof deleteArticleInput>) {
  const [row] = await db
    .delete(articles)
    .where(and(eq(articles.id, input.id), eq(articles.workspaceId, ctx.workspaceId)))
    .returning({ id: articles.id, title: articles.title });
  if (!row) throw new UserError('not_found', 'This article no longer exists.');
  await writeAudit(db, ctx, 'article.deleted', { type: 'article', id: row.id }, { title: row.title });
  return { id: row.id };
}
