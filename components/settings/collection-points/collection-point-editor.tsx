'use client';

import { useId, useState } from 'react';
import { DeleteButton, FormStatus, SecondaryButton, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { deleteCollectionPointAction, saveCollectionPointAction } from '@/app/w/[slug]/settings/collection-points/actions';

type Point = { id: string; name: string; address: string; openingHours: string | null; enabled: boolean };

export function CollectionPointForm({ workspaceId, initial, onDone }: { workspaceId: string; initial?: Point; onDone?: () => void }) {
  const enabledId = useId();
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveCollectionPointAction, { resetOnSuccess: !initial, onSuccess: onDone });
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={initial ? `Edit ${initial.name}` : 'Add a collection point'} className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <TextField label="Name" name="name" defaultValue={initial?.name} maxLength={200} required error={fieldError('name')} />
      <TextField label="Address" name="address" multiline rows={3} defaultValue={initial?.address} maxLength={1000} required error={fieldError('address')} />
      <TextField
        label="Opening hours"
        name="openingHours"
        defaultValue={initial?.openingHours ?? ''}
        maxLength={200}
        placeholder="Mon–Fri 10:00–19:00, Sat 10:00–14:00"
        error={fieldError('openingHours')}
        hint="Optional. Shown to customers and agents when they choose where to pick up, and on the order."
      />
      <div className="flex items-center gap-2">
        <input id={enabledId} type="checkbox" name="enabled" defaultChecked={initial?.enabled ?? true} className="h-4 w-4" />
        <label htmlFor={enabledId} className="text-sm font-medium text-slate-700">
          Enabled
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add collection point'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Collection point added.'} />
      </div>
    </form>
  );
}

export function CollectionPointItem({ workspaceId, item }: { workspaceId: string; item: Point }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="px-4 py-3">
      {editing ? (
        <CollectionPointForm workspaceId={workspaceId} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {item.name} {!item.enabled && <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">Disabled</span>}
            </p>
            <p className="whitespace-pre-wrap text-sm text-slate-600">{item.address}</p>
            {item.openingHours && <p className="text-sm text-slate-600">Open {item.openingHours}</p>}
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <SecondaryButton aria-label={`Edit ${item.name}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton label={`Delete ${item.name}`} confirmText={`Delete the collection point ${item.name}? Past orders keep their details.`} run={() => deleteCollectionPointAction({ workspaceId, id: item.id })} />
          </div>
        </div>
      )}
    </li>
  );
}
