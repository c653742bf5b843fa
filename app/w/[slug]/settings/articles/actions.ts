'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { deleteArticle, deleteArticleInput, saveArticle, saveArticleInput, setArticleStatus, setArticleStatusInput } from '@/lib/articles/admin';
import { deleteCategory, deleteCategoryInput, saveCategory, saveCategoryInput } from '@/lib/articles/categories';
import { renderArticleHtml } from '@/lib/articles/render';

// Writing the knowledge base is the admins' (like the rest of Settings); agents read and
// send published articles from the composer (app/w/[slug]/inbox/article-actions.ts).

const refresh = () => revalidatePath('/w/[slug]/settings/articles', 'layout');

export const saveArticleAction = workspaceAction({ input: saveArticleInput, role: 'admin' }, async (input, ctx) => {
  const result = await saveArticle(getDb(), ctx, input);
  refresh();
  return result;
});

export const setArticleStatusAction = workspaceAction({ input: setArticleStatusInput, role: 'admin' }, async (input, ctx) => {
  const result = await setArticleStatus(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteArticleAction = workspaceAction({ input: deleteArticleInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteArticle(getDb(), ctx, input);
  refresh();
  return result;
});

/** The editor's live preview, through the same sanitiser as the help centre. */
export const previewArticleAction = workspaceAction({ input: z.object({ bodyMd: z.string().max(100_000) }), role: 'admin' }, async (input) => ({
  html: renderArticleHtml(input.bodyMd),
}));

export const saveCategoryAction = workspaceAction({ input: saveCategoryInput, role: 'admin' }, async (input, ctx) => {
  const result = await saveCategory(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteCategoryAction = workspaceAction({ input: deleteCategoryInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteCategory(getDb(), ctx, input);
  refresh();
  return result;
});
