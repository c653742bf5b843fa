import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { articleCategories } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { ARTICLE_LOCALE_CODES } from './locales';
import { slugify } from './slug';

export type CategoryView = { id: string; name: string; slug: string; position: number; locale: string | null; articleCount: number };

export async function listCategories(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>): Promise<CategoryView[]> {
  return db
    .select({
      id: articleCategories.id,
      name: articleCategories.name,
      slug: articleCategories.slug,
      position: articleCategories.position,
      locale: articleCategories.locale,
      articleCount: sql<number>`(select count(*)::int from articles a where a.category_id = "article_categories"."id")`,
    })
    .from(articleCategories)
    .where(eq(articleCategories.workspaceId, ctx.workspaceId))
    .orderBy(asc(articleCategories.position), asc(articleCategories.name));
}

export const saveCategoryInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'Give the category a name.').max(80, 'Keep the name under 80 characters.'),
  position: z.coerce.number().int().min(0).max(999).default(0),
  locale: z.union([z.enum(ARTICLE_LOCALE_CODES), z.literal('')]).optional().transform((v) => v || null),
});

export async function saveCategory(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof saveCategoryInput>) {
  const slug = slugify(input.name);
  const [clash] = await db
    .select({ id: articleCategories.id })
    .from(articleCategories)
    .where(and(eq(articleCategories.workspaceId, ctx.workspaceId), eq(articleCategories.slug, slug)))
    .limit(1);
  if (clash && clash.id !== input.id) throw new UserError('conflict', `A category named "${input.name}" already exists.`, { name: ['Choose another name.'] });
  const values = { name: input.name, slug, position: input.position, locale: input.locale };
  if (input.id) {
    const [row] = await db
      .update(articleCategories)
      .set(values)
      .where(and(eq(articleCategories.id, input.id), eq(articleCategories.workspaceId, ctx.workspaceId)))
      .returning({ id: articleCategories.id });
    if (!row) throw new UserError('not_found', 'This category no longer exists.');
    await writeAudit(db, ctx, 'article_category.updated', { type: 'article_category', id: row.id }, { name: input.name });
    return { id: row.id };
  }
  const [row] = await db.insert(articleCategories).values({ ...values, workspaceId: ctx.workspaceId }).returning({ id: articleCategories.id });
  await writeAudit(db, ctx, 'article_category.created', { type: 'article_category', id: row.id }, { name: input.name });
  return { id: row.id };
}

export const deleteCategoryInput = z.object({ id: z.uuid() });

/** Deletes a category; its articles stay, uncategorised. */
export async function deleteCategory(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof deleteCategoryInput>) {
  const [row] = await db
    .delete(articleCategories)
    .where(and(eq(articleCategories.id, input.id), eq(articleCategories.workspaceId, ctx.workspaceId)))
    .returning({ id: articleCategories.id, name: articleCategories.name });
  if (!row) throw new UserError('not_found', 'This category no longer exists.');
  await writeAudit(db, ctx, 'article_category.deleted', { type: 'article_category', id: row.id }, { name: row.name });
  return { id: row.id };
}

/** The category an article is filed in must be the workspace's own. */
export async function assertOwnCategory(db: DbOrTx, workspaceId: string, categoryId: string | null) {
  if (!categoryId) return;
  const [row] = await db
    .select({ id: articleCategories.id })
    .from(articleCategories)
    .where(and(eq(articleCategories.id, categoryId), eq(articleCategories.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new UserError('invalid', 'Choose one of your categories.', { categoryId: ['Choose one of your categories.'] });
}
