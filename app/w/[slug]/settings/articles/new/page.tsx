import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requireWorkspaceRole } from '@/lib/auth/workspace-page';
import { listCategories } from '@/lib/articles/categories';
import { ArticleEditor } from '@/components/settings/articles/article-editor';

export const metadata: Metadata = { title: 'New article' };

export default async function NewArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireWorkspaceRole(slug, 'admin');
  const categories = await listCategories(getDb(), ctx);
  return (
    <section className="max-w-5xl">
      <Link href={`/w/${slug}/settings/articles`} className="text-sm text-brand-700 hover:underline">
        ← Articles
      </Link>
      <h1 className="mt-2 text-xl font-semibold">New article</h1>
      <ArticleEditor workspaceId={ctx.workspaceId} slug={slug} categories={categories.map((c) => ({ id: c.id, name: c.name }))} />
    </section>
  );
}
