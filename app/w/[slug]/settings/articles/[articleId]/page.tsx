import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { getArticle } from '@/lib/articles/admin';
import { listCategories } from '@/lib/articles/categories';
import { articlePath } from '@/lib/articles/links';
import { ArticleEditor, ArticleStatusBar, type EditableArticle } from '@/components/settings/articles/article-editor';

export const metadata: Metadata = { title: 'Edit article' };

export default async function EditArticlePage({ params }: { params: Promise<{ slug: string; articleId: string }> }) {
  const { slug, articleId } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  if (!z.uuid().safeParse(articleId).success) notFound();
  const [article, categories] = await Promise.all([getArticle(getDb(), ctx, articleId), listCategories(getDb(), ctx)]);
  if (!article) notFound();
  const editable: EditableArticle = {
    id: article.id,
    title: article.title,
    slug: article.slug,
    locale: article.locale,
    categoryId: article.categoryId,
    excerpt: article.excerpt,
    bodyMd: article.bodyMd,
    status: article.status,
    helpUrl: articlePath(slug, article.slug, article.locale),
  };
  return (
    <section className="max-w-5xl">
      <Link href={`/w/${slug}/settings/articles`} className="text-sm text-brand-700 hover:underline">
        ← Articles
      </Link>
      <h1 className="mt-2 text-xl font-semibold">{article.title}</h1>
      <p className="text-xs text-slate-500">
        {article.authorName ? `Written by ${article.authorName} · ` : ''}
        {article.views} {article.views === 1 ? 'view' : 'views'}
      </p>
      <ArticleStatusBar workspaceId={ctx.workspaceId} slug={slug} article={editable} />
      <ArticleEditor key={article.updatedAt.toISOString()} workspaceId={ctx.workspaceId} slug={slug} categories={categories.map((c) => ({ id: c.id, name: c.name }))} initial={editable} />
    </section>
  );
}
