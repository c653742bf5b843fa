'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { deleteCustomerAction } from '@/app/w/[slug]/inbox/customer-actions';
import { FieldError, SecondaryButton, useActionForm } from '@/components/ui/form-kit';

/**
 * Admins erase a customer after typing their name. The dialog is the browser's own modal
 * (focus stays inside, Escape closes it).
 */
export function DeleteCustomer({ workspaceId, contactId, name, leaveHref }: { workspaceId: string; contactId: string; name: string; leaveHref: string }) {
  const ids = useId();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const matches = typed.trim().replace(/\s+/g, ' ').toLocaleLowerCase() === name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  const { state, pending, onSubmit, fieldError } = useActionForm((form) => deleteCustomerAction(form), {
    onSuccess: () => {
      dialog.current?.close();
      router.replace(leaveHref);
    },
  });

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setTyped('');
          dialog.current?.showModal();
        }}
        className="w-full rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600"
      >
        Delete customer
      </button>
      <dialog ref={dialog} aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-text`} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={onSubmit} className="space-y-4 p-5">
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="contactId" value={contactId} />
          <h2 id={`${ids}-title`} className="text-lg font-semibold">
            Delete {name}?
          </h2>
          <p id={`${ids}-text`} className="text-sm text-slate-600">
            This erases the customer, their channel identities, all their conversations and messages, and the files they sent. It cannot be undone. The audit log keeps
            a record that a customer was deleted, without their details.
          </p>
          <div>
            <label htmlFor={`${ids}-confirm`} className="block text-sm font-medium text-slate-700">
              Type <strong className="select-all">{name}</strong> to confirm
            </label>
            <input
              id={`${ids}-confirm`}
              name="confirmName"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              aria-invalid={Boolean(fieldError('confirmName'))}
              aria-describedby={`${ids}-confirm-error`}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-red-500 focus:outline-none"
            />
            <FieldError id={`${ids}-confirm-error`} message={fieldError('confirmName')} />
          </div>
          {state && !state.ok && !fieldError('confirmName') && (
            <p role="alert" className="text-sm text-red-600">
              {state.error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <SecondaryButton onClick={() => dialog.current?.close()}>Cancel</SecondaryButton>
            <button
              type="submit"
              disabled={!matches || pending}
              className="rounded-md bg-red-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-50"
            >
              {pending ? 'Deleting…' : 'Delete customer'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
