'use client';

import { useId, useState } from 'react';
import { DeleteButton, FieldError, FormStatus, SecondaryButton, SubmitButton, TextField, inputClass, useActionForm } from '@/components/ui/form-kit';
import { deleteCollectionAction, saveCollectionAction } from '@/app/w/[slug]/settings/collections/actions';

type ProductRef = { id: string; name: string; sku: string };
type Collection = { id: string; name: string; description: string; products: ProductRef[] };

/** Adds a collection, or edits one; products are picked from the catalogue and ordered with ↑ ↓. */
// Long: one form (name, description, ordered products) posted together; most of it is markup.
export function CollectionForm({ workspaceId, catalogue, initial, onDone }: { workspaceId: string; catalogue: ProductRef[]; initial?: Collection; onDone?: () => void }) {
  const [chosen, setChosen] = useState<ProductRef[]>(initial?.products ?? []);
  const [pick, setPick] = useState('');
  const pickId = useId();
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveCollectionAction, {
    resetOnSuccess: !initial,
    onSuccess: () => {
      if (!initial) setChosen([]);
      onDone?.();
    },
  });
  const move = (index: number, by: number) =>
    setChosen((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item);
      return next;
    });
  const available = catalogue.filter((p) => !chosen.some((c) => c.id === p.id));
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={initial ? `Edit ${initial.name}` : 'Add a collection'} className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <input type="hidden" name="productIds" value={JSON.stringify(chosen.map((p) => p.id))} />
      <TextField label="Name" name="name" defaultValue={initial?.name} maxLength={200} required error={fieldError('name')} />
      <TextField label="Description" name="description" multiline rows={2} defaultValue={initial?.description} maxLength={1000} error={fieldError('description')} />
      <div>
        <p className="text-sm font-medium text-slate-700">Products</p>
        {chosen.length > 0 ? (
          <ol className="mt-1 space-y-1">
            {chosen.map((p, i) => (
              <li key={p.id} className="flex items-center gap-2 text-sm">
                <span className="w-6 text-right tabular-nums text-slate-500">{i + 1}.</span>
                <span className="flex-1">
                  {p.name} <span className="font-mono text-xs text-slate-500">{p.sku}</span>
                </span>
                <button type="button" aria-label={`Move ${p.name} up`} disabled={i === 0} onClick={() => move(i, -1)} className="px-1 disabled:opacity-30">
                  ↑
                </button>
                <button type="button" aria-label={`Move ${p.name} down`} disabled={i === chosen.length - 1} onClick={() => move(i, 1)} className="px-1 disabled:opacity-30">
                  ↓
                </button>
                <button type="button" aria-label={`Remove ${p.name}`} onClick={() => setChosen((l) => l.filter((x) => x.id !== p.id))} className="text-red-700 hover:underline">
                  Remove
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-slate-500">No products yet.</p>
        )}
        <div className="mt-2 flex gap-2">
          <label htmlFor={pickId} className="sr-only">
            Product to add
          </label>
          <select id={pickId} value={pick} onChange={(e) => setPick(e.target.value)} className={`${inputClass} mt-0 max-w-sm`}>
            <option value="">Choose a product…</option>
            {available.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.sku})
              </option>
            ))}
          </select>
          <SecondaryButton
            disabled={!pick}
            onClick={() => {
              const product = catalogue.find((p) => p.id === pick);
              if (product) setChosen((l) => [...l, product]);
              setPick('');
            }}
          >
            Add product
          </SecondaryButton>
        </div>
        <FieldError id={`${pickId}-error`} message={fieldError('productIds')} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add collection'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Collection added.'} />
      </div>
    </form>
  );
}

export function CollectionItem({ workspaceId, catalogue, item }: { workspaceId: string; catalogue: ProductRef[]; item: Collection }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="px-4 py-3">
      {editing ? (
        <CollectionForm workspaceId={workspaceId} catalogue={catalogue} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="font-medium">{item.name}</p>
            {item.description && <p className="text-sm text-slate-600">{item.description}</p>}
            <p className="mt-1 text-xs text-slate-500">{item.products.length === 0 ? 'No products' : item.products.map((p) => p.name).join(' · ')}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <SecondaryButton aria-label={`Edit ${item.name}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton label={`Delete ${item.name}`} confirmText={`Delete the collection ${item.name}? Its products stay in the catalogue.`} run={() => deleteCollectionAction({ workspaceId, id: item.id })} />
          </div>
        </div>
      )}
    </li>
  );
}
