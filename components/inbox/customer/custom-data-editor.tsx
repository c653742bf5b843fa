'use client';

import { useId, useState, useTransition } from 'react';
import { deleteCustomDataAction, setCustomDataAction } from '@/app/w/[slug]/inbox/customer-actions';
import { CUSTOM_DATA_KEY_MAX, CUSTOM_DATA_VALUE_MAX } from '@/lib/contacts/custom-data-input';
import { FieldError, FormStatus, SecondaryButton, SubmitButton, useActionForm } from '@/components/ui/form-kit';

type Entry = { key: string; value: string };

const smallInput = 'mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500';

/** Adds an entry, or edits one (its name may change) when `entry` is given. */
function EntryForm({ workspaceId, contactId, entry, onDone }: { workspaceId: string; contactId: string; entry?: Entry; onDone?: () => void }) {
  const ids = useId();
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => setCustomDataAction(form), { resetOnSuccess: !entry, onSuccess: onDone });
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={entry ? `Edit ${entry.key}` : 'Add custom data'} className="space-y-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="contactId" value={contactId} />
      {entry && <input type="hidden" name="previousKey" value={entry.key} />}
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${ids}-key`} className="text-xs font-medium text-slate-600">
            Name
          </label>
          <input
            id={`${ids}-key`}
            name="key"
            defaultValue={entry?.key ?? ''}
            autoFocus
            required
            maxLength={CUSTOM_DATA_KEY_MAX}
            placeholder="Last order"
            autoComplete="off"
            aria-invalid={Boolean(fieldError('key'))}
            aria-describedby={`${ids}-key-error`}
            className={smallInput}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-value`} className="text-xs font-medium text-slate-600">
            Value
          </label>
          <input
            id={`${ids}-value`}
            name="value"
            defaultValue={entry?.value ?? ''}
            required
            maxLength={CUSTOM_DATA_VALUE_MAX}
            placeholder="#1052"
            autoComplete="off"
            aria-invalid={Boolean(fieldError('value'))}
            aria-describedby={`${ids}-value-error`}
            className={smallInput}
          />
        </div>
      </div>
      <FieldError id={`${ids}-key-error`} message={fieldError('key')} />
      <FieldError id={`${ids}-value-error`} message={fieldError('value')} />
      <div className="flex flex-wrap items-center gap-2">
        <SubmitButton pending={pending} className="px-3 py-1.5">
          {entry ? 'Save' : 'Add'}
        </SubmitButton>
        {entry && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={entry ? 'Saved.' : 'Added.'} />
      </div>
    </form>
  );
}

function EntryRow({ workspaceId, contactId, entry }: { workspaceId: string; contactId: string; entry: Entry }) {
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState('');
  if (editing) {
    return (
      <li className="py-2">
        <EntryForm workspaceId={workspaceId} contactId={contactId} entry={entry} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="group py-1.5">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-xs text-slate-500">{entry.key}</p>
          <p className="break-words text-sm font-medium">{entry.value}</p>
        </div>
        <button
          type="button"
          aria-label={`Edit ${entry.key}`}
          onClick={() => setEditing(true)}
          className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Edit
        </button>
        <button
          type="button"
          aria-label={`Delete ${entry.key}`}
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await deleteCustomDataAction({ workspaceId, contactId, key: entry.key });
              setError(result.ok ? '' : result.error);
            })
          }
          className="rounded px-1.5 py-0.5 text-xs text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-50"
        >
          {pending ? 'Deleting…' : 'Delete'}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </li>
  );
}

/** Free-form key–value data: add, edit (including the name), delete. */
export function CustomDataEditor({ workspaceId, contactId, entries }: { workspaceId: string; contactId: string; entries: Entry[] }) {
  const [adding, setAdding] = useState(false);
  return (
    <div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">No custom data yet.</p>
      ) : (
        <ul aria-label="Custom data" className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <EntryRow key={entry.key} workspaceId={workspaceId} contactId={contactId} entry={entry} />
          ))}
        </ul>
      )}
      <div className="mt-2">
        {adding ? (
          <EntryForm workspaceId={workspaceId} contactId={contactId} onDone={() => setAdding(false)} />
        ) : (
          <SecondaryButton onClick={() => setAdding(true)}>Add custom data</SecondaryButton>
        )}
      </div>
    </div>
  );
}
