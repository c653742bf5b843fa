'use client';

import { useId, useState, useTransition } from 'react';
import { DeleteButton, FieldError, FormStatus, inputClass, SecondaryButton, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { customerFieldTypeLabels, customerFieldTypeOrder, deriveFieldKey, type CustomerFieldType, type CustomerFieldView } from '@/lib/settings/customer-fields/view';
import { createCustomerFieldAction, deleteCustomerFieldAction, moveCustomerFieldAction, updateCustomerFieldAction } from '@/app/w/[slug]/settings/customer-fields/actions';

const typeHints: Record<CustomerFieldType, string> = {
  text: 'Any text, up to 500 characters.',
  number: 'A number, like 42 or 3.5.',
  date: 'A date, picked from a calendar.',
  list: 'One of the options you list below.',
  checkbox: 'Yes or no.',
  link: 'A web link (https://…).',
};

/** Adds a field, or edits one when `initial` is given (its key then stays as it is). */
// Long: one form (label, type, options, required) posted together; most of it is markup.
export function CustomerFieldForm({ workspaceId, initial, onDone }: { workspaceId: string; initial?: CustomerFieldView; onDone?: () => void }) {
  const ids = useId();
  const [type, setType] = useState<CustomerFieldType>(initial?.type ?? 'text');
  const [derivedKey, setDerivedKey] = useState('');
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => (initial ? updateCustomerFieldAction(form) : createCustomerFieldAction(form)), {
    resetOnSuccess: !initial,
    onSuccess: () => {
      if (!initial) {
        setType('text');
        setDerivedKey('');
      }
      onDone?.();
    },
  });
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      aria-label={initial ? `Edit ${initial.label}` : 'Add a field'}
      className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Label"
          name="label"
          defaultValue={initial?.label ?? ''}
          maxLength={60}
          required
          placeholder="Instagram"
          error={fieldError('label')}
          onKeyUp={(e) => setDerivedKey(deriveFieldKey(e.currentTarget.value))}
          onBlur={(e) => setDerivedKey(deriveFieldKey(e.currentTarget.value))}
        />
        {initial ? (
          <div>
            <p className="block text-sm font-medium text-slate-700">Key</p>
            <p className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-700">{initial.key}</p>
            <p className="mt-1 text-xs text-slate-500">Fixed: customers&apos; values are stored under it.</p>
          </div>
        ) : (
          <TextField
            label="Key"
            name="key"
            maxLength={40}
            autoComplete="off"
            placeholder={derivedKey || 'instagram'}
            error={fieldError('key')}
            hint={derivedKey ? `Leave empty to use ${derivedKey}. a–z, 0–9 and _ only.` : 'Made from the label when left empty. a–z, 0–9 and _ only.'}
          />
        )}
        <div>
          <label htmlFor={`${ids}-type`} className="block text-sm font-medium text-slate-700">
            Type
          </label>
          <select
            id={`${ids}-type`}
            name="type"
            value={type}
            onChange={(e) => setType(e.target.value as CustomerFieldType)}
            aria-describedby={`${ids}-type-hint`}
            className={inputClass}
          >
            {customerFieldTypeOrder.map((t) => (
              <option key={t} value={t}>
                {customerFieldTypeLabels[t]}
              </option>
            ))}
          </select>
          <p id={`${ids}-type-hint`} className="mt-1 text-xs text-slate-500">
            {typeHints[type]}
          </p>
          <FieldError id={`${ids}-type-error`} message={fieldError('type')} />
        </div>
        <div className="flex items-center pt-6">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="required" defaultChecked={initial?.required ?? false} className="h-4 w-4" />
            Required
          </label>
        </div>
      </div>
      {type === 'list' && (
        <TextField
          label="Options"
          name="options"
          multiline
          rows={5}
          defaultValue={initial?.options.join('\n') ?? ''}
          required
          placeholder={'S\nM\nL'}
          hint="One per line, up to 50."
          error={fieldError('options')}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add field'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Field added.'} />
      </div>
    </form>
  );
}

export function CustomerFieldItem({ workspaceId, item, first, last }: { workspaceId: string; item: CustomerFieldView; first: boolean; last: boolean }) {
  const [editing, setEditing] = useState(false);
  const [moving, startMove] = useTransition();
  const [moveError, setMoveError] = useState('');
  const move = (direction: 'up' | 'down') =>
    startMove(async () => {
      const result = await moveCustomerFieldAction({ workspaceId, id: item.id, direction });
      setMoveError(result.ok ? '' : result.error);
    });
  return (
    <li className="px-4 py-3">
      {editing ? (
        <CustomerFieldForm workspaceId={workspaceId} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{item.label}</span>
              <span className="font-mono text-xs text-slate-500">{item.key}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{customerFieldTypeLabels[item.type]}</span>
              {item.required && <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">Required</span>}
            </p>
            {item.type === 'list' && <p className="mt-1 truncate text-sm text-slate-600">{item.options.join(' · ')}</p>}
            {moveError && (
              <p role="alert" className="mt-1 text-sm text-red-600">
                {moveError}
              </p>
            )}
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-1">
            <SecondaryButton aria-label={`Move ${item.label} up`} disabled={first || moving} onClick={() => move('up')}>
              <span aria-hidden>↑</span>
            </SecondaryButton>
            <SecondaryButton aria-label={`Move ${item.label} down`} disabled={last || moving} onClick={() => move('down')}>
              <span aria-hidden>↓</span>
            </SecondaryButton>
            <SecondaryButton aria-label={`Edit ${item.label}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton
              label={`Delete ${item.label}`}
              confirmText={`Delete the field “${item.label}”? Values already entered stay in each customer's custom data under “${item.key}”.`}
              run={() => deleteCustomerFieldAction({ workspaceId, id: item.id })}
            />
          </div>
        </div>
      )}
    </li>
  );
}
