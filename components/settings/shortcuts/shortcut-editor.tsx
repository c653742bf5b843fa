'use client';

import { useState } from 'react';
import { DeleteButton, FormStatus, SecondaryButton, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { SHORTCUT_TEXT_MAX } from '@/lib/settings/shortcuts/input';
import { createShortcutAction, deleteShortcutAction, updateShortcutAction } from '@/app/w/[slug]/settings/shortcuts/actions';

type Shortcut = { id: string; shortcut: string; text: string };

/** Adds a shortcut, or edits one when `initial` is given. */
export function ShortcutForm({ workspaceId, initial, onDone }: { workspaceId: string; initial?: Shortcut; onDone?: () => void }) {
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => (initial ? updateShortcutAction(form) : createShortcutAction(form)), {
    resetOnSuccess: !initial,
    onSuccess: onDone,
  });
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      aria-label={initial ? `Edit /${initial.shortcut}` : 'Add a shortcut'}
      className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <TextField
        label="Shortcut"
        name="shortcut"
        defaultValue={initial ? `/${initial.shortcut}` : ''}
        placeholder="/thanks"
        maxLength={33}
        autoComplete="off"
        required
        error={fieldError('shortcut')}
        hint="Letters, numbers, - and _; agents type it after /."
      />
      <TextField
        label="Message"
        name="text"
        multiline
        rows={4}
        defaultValue={initial?.text ?? ''}
        maxLength={SHORTCUT_TEXT_MAX}
        showCount
        required
        placeholder="Thank you for shopping with us, {{customer.first_name}}!"
        error={fieldError('text')}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add shortcut'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Shortcut added.'} />
      </div>
    </form>
  );
}

export function ShortcutItem({ workspaceId, item }: { workspaceId: string; item: Shortcut }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="px-4 py-3">
      {editing ? (
        <ShortcutForm workspaceId={workspaceId} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="font-mono text-sm font-semibold text-brand-700">/{item.shortcut}</p>
            <p className="mt-1 line-clamp-3 whitespace-pre-wrap break-words text-sm text-slate-700">{item.text}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <SecondaryButton aria-label={`Edit /${item.shortcut}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton
              label={`Delete /${item.shortcut}`}
              confirmText={`Delete the shortcut /${item.shortcut}?`}
              run={() => deleteShortcutAction({ workspaceId, id: item.id })}
            />
          </div>
        </div>
      )}
    </li>
  );
}
