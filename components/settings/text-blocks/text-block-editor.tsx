'use client';

import { useId, useState } from 'react';
import { DeleteButton, FormStatus, SecondaryButton, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { TEXT_BLOCK_BODY_MAX } from '@/lib/settings/text-blocks/input';
import { createTextBlockAction, deleteTextBlockAction, updateTextBlockAction } from '@/app/w/[slug]/settings/text-blocks/actions';

type TextBlock = { id: string; title: string; category: string; body: string };

/** Adds a text block, or edits one when `initial` is given. Categories are suggested from the existing ones. */
export function TextBlockForm({ workspaceId, categories, initial, onDone }: { workspaceId: string; categories: string[]; initial?: TextBlock; onDone?: () => void }) {
  const listId = useId();
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => (initial ? updateTextBlockAction(form) : createTextBlockAction(form)), {
    resetOnSuccess: !initial,
    onSuccess: onDone,
  });
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      aria-label={initial ? `Edit ${initial.title}` : 'Add a text block'}
      className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Title" name="title" defaultValue={initial?.title ?? ''} maxLength={80} required placeholder="Delivery times" error={fieldError('title')} />
        <TextField
          label="Category"
          name="category"
          defaultValue={initial?.category ?? ''}
          maxLength={40}
          list={listId}
          placeholder="General"
          autoComplete="off"
          error={fieldError('category')}
        />
        <datalist id={listId}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <TextField
        label="Text"
        name="body"
        multiline
        rows={6}
        defaultValue={initial?.body ?? ''}
        maxLength={TEXT_BLOCK_BODY_MAX}
        showCount
        required
        error={fieldError('body')}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add text block'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Text block added.'} />
      </div>
    </form>
  );
}

export function TextBlockItem({ workspaceId, categories, item }: { workspaceId: string; categories: string[]; item: TextBlock }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="px-4 py-3">
      {editing ? (
        <TextBlockForm workspaceId={workspaceId} categories={categories} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              <span aria-hidden className="text-slate-400">
                #
              </span>
              {item.title}
            </p>
            <p className="mt-1 line-clamp-3 whitespace-pre-wrap break-words text-sm text-slate-700">{item.body}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <SecondaryButton aria-label={`Edit ${item.title}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton label={`Delete ${item.title}`} confirmText={`Delete the text block “${item.title}”?`} run={() => deleteTextBlockAction({ workspaceId, id: item.id })} />
          </div>
        </div>
      )}
    </li>
  );
}
