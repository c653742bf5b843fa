'use client';

import { useState } from 'react';
import { DeleteButton, FormStatus, SecondaryButton, SelectField, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { ARTICLE_LOCALE_CODES, ARTICLE_LOCALE_LABELS } from '@/lib/articles/locales';
import { deleteCategoryAction, saveCategoryAction } from '@/app/w/[slug]/settings/articles/actions';

type Category = { id: string; name: string; position: number; locale: string | null; articleCount: number };

const localeChoices = [['', 'Every language'] as const, ...ARTICLE_LOCALE_CODES.map((c) => [c, ARTICLE_LOCALE_LABELS[c]] as const)];

function CategoryForm({ workspaceId, initial, onDone }: { workspaceId: string; initial?: Category; onDone?: () => void }) {
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveCategoryAction, { resetOnSuccess: !initial, onSuccess: onDone });
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={initial ? `Edit category ${initial.name}` : 'Add a category'} className="grid items-end gap-3 sm:grid-cols-[1fr_8rem_10rem_auto]">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <TextField label="Category name" name="name" defaultValue={initial?.name ?? ''} maxLength={80} required placeholder="Shipping" error={fieldError('name')} />
      <TextField label="Position" name="position" type="number" min={0} max={999} defaultValue={String(initial?.position ?? 0)} error={fieldError('position')} />
      <SelectField label="Language" name="locale" defaultValue={initial?.locale ?? ''} choices={localeChoices} error={fieldError('locale')} />
      <div className="flex flex-wrap items-center gap-2">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add category'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
      </div>
      <div className="sm:col-span-4">
        <FormStatus state={state} success={initial ? 'Saved.' : 'Category added.'} />
      </div>
    </form>
  );
}

function CategoryRow({ workspaceId, category }: { workspaceId: string; category: Category }) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="p-3">
        <CategoryForm workspaceId={workspaceId} initial={category} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-2 p-3">
      <span className="min-w-0 flex-1">
        <span className="font-medium">{category.name}</span>
        <span className="ml-2 text-xs text-slate-500">
          {category.articleCount} {category.articleCount === 1 ? 'article' : 'articles'}
          {category.locale ? ` · ${ARTICLE_LOCALE_LABELS[category.locale as keyof typeof ARTICLE_LOCALE_LABELS] ?? category.locale}` : ''}
        </span>
      </span>
      <SecondaryButton aria-label={`Edit category ${category.name}`} onClick={() => setEditing(true)}>
        Edit
      </SecondaryButton>
      <DeleteButton
        label={`Delete category ${category.name}`}
        confirmText={`Delete the category "${category.name}"? Its articles stay, without a category.`}
        run={() => deleteCategoryAction({ workspaceId, id: category.id })}
      />
    </li>
  );
}

/** The categories articles are filed in: add, rename, reorder (position), delete. */
export function CategoryManager({ workspaceId, categories }: { workspaceId: string; categories: Category[] }) {
  return (
    <div className="space-y-3">
      {categories.length > 0 ? (
        <ul aria-label="Categories" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {categories.map((c) => (
            <CategoryRow key={c.id} workspaceId={workspaceId} category={c} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No categories yet. Articles without one are listed under “More articles” in the help centre.</p>
      )}
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <CategoryForm workspaceId={workspaceId} />
      </div>
    </div>
  );
}
