'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { DeleteButton, FormStatus, SubmitButton, useActionForm } from '@/components/ui/form-kit';
import { deleteProductAction, importProductsAction } from '@/app/w/[slug]/settings/products/actions';

export function DeleteProductButton({ workspaceId, id, name, isSet = false }: { workspaceId: string; id: string; name: string; isSet?: boolean }) {
  // Deleting a set leaves its products as they are.
  const confirmText = isSet ? `Delete the set ${name}? Its products stay in the catalogue.` : `Delete the product ${name} and its variants?`;
  return <DeleteButton label={`Delete ${name}`} confirmText={confirmText} run={() => deleteProductAction({ workspaceId, id })} />;
}

/** Uploads a CSV file; shows each row's errors when the import is refused. */
export function ImportProductsForm({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const fileId = useId();
  const { state, pending, onSubmit, formRef } = useActionForm(importProductsAction, { resetOnSuccess: true, onSuccess: () => router.refresh() });
  const rowErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}).filter(([key]) => key.startsWith('line ')) : [];
  const fileError = state && !state.ok ? state.fieldErrors?.file?.[0] : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Import products" className="mt-4 space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
          CSV file (UTF-8)
        </label>
        <input id={fileId} type="file" name="file" accept=".csv,text/csv" required className="mt-1 block text-sm" aria-invalid={Boolean(fileError)} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Importing…">
          Import
        </SubmitButton>
        <FormStatus state={state} success={state?.ok ? `Imported: ${state.data.created} new, ${state.data.updated} updated, ${state.data.variants} variants.` : undefined} />
      </div>
      {rowErrors.length > 0 && (
        <ul aria-label="Rows with errors" className="max-h-72 list-disc space-y-1 overflow-y-auto pl-5 text-sm text-red-700">
          {rowErrors.map(([line, messages]) => (
            <li key={line}>
              <span className="font-medium">{line[0].toUpperCase() + line.slice(1)}:</span> {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
