'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { searchArticles } from '@/lib/articles/search';
import { sendArticle, sendArticleInput } from '@/lib/articles/send';
import { publicOrigin } from '@/lib/http/public-origin';

// Agents find and send published articles from the composer; writing them is in Settings.

const articleSearchInput = z.object({ q: z.string().trim().max(200).default('') });

export const searchSendableArticlesAction = workspaceAction({ input: articleSearchInput, role: 'agent' }, async (input, ctx) =>
  (await searchArticles(getDb(), ctx.workspaceId, { q: input.q, limit: 8 })).map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt, locale: a.locale })),
);

export const sendArticleAction = workspaceAction({ input: sendArticleInput, role: 'agent' }, async (input, ctx) => sendArticle(getDb(), ctx, input, await publicOrigin()));
