'use client';

import { useEffect, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { DeleteButton, FormStatus, SecondaryButton, SelectField, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { ArticleBody } from '@/components/help/article-body';
import type { SafeArticleHtml } from '@/lib/articles/render';
import { ARTICLE_LOCALE_CODES, ARTICLE_LOCALE_LABELS, ARTICLE_STATUS_LABELS } from '@/lib/articles/locales';
import { deleteArticleAction, previewArticleAction, saveArticleAction, setArticleStatusAction } from '@/app/w/[slug]/settings/articles/actions';

export type EditableArticle = {
  id: string;
  title: string;
  slug: string;
  locale: string;
  categoryId: string | null;
  excerpt: string;
  bodyMd: string;
  status: 'draft' | 'published' | 'archived';
  helpUrl: string;
};

/** The preview, rendered by the server through the help centre's own sanitiser, shortly after typing stops. */
function usePreview(workspaceId: string, bodyMd: string) {
  const [html, setHtml] = useState<SafeArticleHtml | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const result = await previewArticleAction({ workspaceId, bodyMd });
      if (!live) return;
      setFailed(!result.ok);
      if (result.ok) setHtml(result.data.html);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workspaceId, bodyMd]);
  return { html, failed };
}

// Long: one form, most of it markup (fields, the Markdown textarea beside its preview).
export function ArticleEditor({
  workspaceId,
  slug,
  categories,
  initial,
}: {
  workspaceId: string;
  slug: string;
  categories: { id: string; name: string }[];
  initial?: EditableArticle;
}) {
  const router = useRouter();
  const [bodyMd, setBodyMd] = useState(initial?.bodyMd ?? '');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const preview = usePreview(workspaceId, bodyMd);
  const { state, pending, onSubmit, fieldError } = useActionForm(saveArticleAction, {
    onSuccess: (saved) => {
      if (!initial) router.replace(`/w/${slug}/settings/articles/${saved.id}`);
      else router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} aria-label={initial ? `Edit ${initial.title}` : 'New article'} className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <TextField label="Title" name="title" defaultValue={initial?.title ?? ''} maxLength={200} required placeholder="How do returns work?" error={fieldError('title')} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Language" name="locale" defaultValue={initial?.locale ?? 'en'} choices={ARTICLE_LOCALE_CODES.map((c) => [c, ARTICLE_LOCALE_LABELS[c]] as const)} error={fieldError('locale')} />
        <SelectField label="Category" name="categoryId" defaultValue={initial?.categoryId ?? ''} choices={[['', 'No category'] as const, ...categories.map((c) => [c.id, c.name] as const)]} error={fieldError('categoryId')} />
        <TextField label="Address" name="slug" defaultValue={initial?.slug ?? ''} maxLength={80} placeholder="from the title" hint="The end of the article's link." error={fieldError('slug')} />
      </div>
      <TextField
        label="Summary"
        name="excerpt"
        defaultValue={initial?.excerpt ?? ''}
        maxLength={300}
        showCount
        hint="Shown on cards in chats and in search results; the start of the article when empty."
        error={fieldError('excerpt')}
      />
      <div>
        <div role="tablist" aria-label="Body" className="flex gap-1 lg:hidden">
          {(['write', 'preview'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={`rounded-t-md px-3 py-1 text-sm ${tab === t ? 'bg-slate-100 font-medium' : 'text-slate-600'}`}>
              {t === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className={tab === 'write' ? '' : 'hidden lg:block'}>
            <TextField
              label="Article (Markdown)"
              name="bodyMd"
              multiline
              rows={16}
              value={bodyMd}
              onValueChange={setBodyMd}
              maxLength={100_000}
              hint="# Heading, **bold**, [link](https://…), - list. HTML is not kept."
              error={fieldError('bodyMd')}
            />
          </div>
          <section aria-label="Preview" className={`${tab === 'preview' ? '' : 'hidden lg:block'} min-h-40 rounded-md border border-slate-200 bg-slate-50 p-3`} data-testid="article-preview">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Preview</p>
            {preview.failed ? (
              <p className="mt-2 text-sm text-red-600">The preview could not be made.</p>
            ) : preview.html === null ? (
              <p className="mt-2 text-sm text-slate-500">Loading…</p>
            ) : preview.html ? (
              <ArticleBody html={preview.html} />
            ) : (
              <p className="mt-2 text-sm text-slate-500">Nothing written yet.</p>
            )}
          </section>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Save draft'}</SubmitButton>
        <FormStatus state={state} success="Saved." />
      </div>
    </form>
  );
}

/** Publish / unpublish / archive and delete: what changes who can see the article. */
export function ArticleStatusBar({ workspaceId, slug, article }: { workspaceId: string; slug: string; article: EditableArticle }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const set = (status: EditableArticle['status']) =>
    start(async () => {
      const result = await setArticleStatusAction({ workspaceId, id: article.id, status });
      setError(result.ok ? null : result.error);
      if (result.ok) router.refresh();
    });
  return (
    <div className="mt-4 flex flex-wrap items-center gap-2 rounded-xl border border-slate-200 bg-white p-3">
      <p className="text-sm">
        Status: <strong data-testid="article-status">{ARTICLE_STATUS_LABELS[article.status]}</strong>
      </p>
      {article.status === 'published' && (
        <a href={article.helpUrl} target="_blank" rel="noopener noreferrer" className="text-sm text-brand-700 underline">
          View in the help centre
        </a>
      )}
      <span className="ml-auto flex flex-wrap gap-2">
        {article.status !== 'published' && (
          <button type="button" disabled={pending} onClick={() => set('published')} className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-60">
            Publish
          </button>
        )}
        {article.status === 'published' && (
          <SecondaryButton disabled={pending} onClick={() => set('draft')}>
            Unpublish
          </SecondaryButton>
        )}
        {article.status !== 'archived' && (
          <SecondaryButton disabled={pending} onClick={() => set('archived')}>
            Archive
          </SecondaryButton>
        )}
        <DeleteButton
          label={`Delete ${article.title}`}
          confirmText={`Delete "${article.title}"? Chats it was sent in keep their card, but its link will find nothing.`}
          run={async () => {
            const result = await deleteArticleAction({ workspaceId, id: article.id });
            if (result.ok) router.replace(`/w/${slug}/settings/articles`);
            return result;
          }}
        />
      </span>
      {error && (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
