'use client';

import { startTransition, useActionState, useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';

// Small form pieces shared by the customer panel and the settings behind it: forms that
// run a server action, show each input's own error and a status line, and keep what the
// user typed when the server refuses it.

export type FormState<T> = ActionResult<T> | null;

export function useActionForm<T>(
  run: (form: FormData) => Promise<ActionResult<T>>,
  options: { onSuccess?: (data: T) => void; resetOnSuccess?: boolean } = {},
) {
  const formRef = useRef<HTMLFormElement>(null);
  const latest = useRef(options);
  latest.current = options;
  const [state, dispatch, pending] = useActionState<FormState<T>, FormData>(async (_previous, form) => {
    const result = await run(form);
    if (result.ok) {
      if (latest.current.resetOnSuccess) formRef.current?.reset();
      latest.current.onSuccess?.(result.data);
    }
    return result;
  }, null);
  // Submitted by hand rather than through <form action>, so React does not reset the
  // fields when the server refuses the input.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  const fieldError = (name: string): string | undefined => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return { state, pending, onSubmit, fieldError, formRef };
}

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500';

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-600">
      {message}
    </p>
  );
}

/** A labelled input with its hint and error wired up for screen readers. */
export function TextField({
  label,
  name,
  error,
  hint,
  multiline,
  rows = 3,
  required,
  showCount,
  ...rest
}: {
  label: string;
  name: string;
  error?: string;
  hint?: React.ReactNode;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  /** Show "12 / 1,000" under the input (needs maxLength). */
  showCount?: boolean;
} & Omit<React.InputHTMLAttributes<HTMLInputElement> & React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'required' | 'onChange' | 'onInput'>) {
  const id = useId();
  const [length, setLength] = useState(String(rest.defaultValue ?? '').length);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy,
    className: inputClass,
    onInput: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setLength(e.currentTarget.value.length),
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && <span aria-hidden className="text-red-600"> *</span>}
      </label>
      {multiline ? (
        <textarea {...(rest as React.TextareaHTMLAttributes<HTMLTextAreaElement>)} {...common} rows={rows} />
      ) : (
        <input {...(rest as React.InputHTMLAttributes<HTMLInputElement>)} {...common} />
      )}
      {(hint || (showCount && rest.maxLength)) && (
        <div className="mt-1 flex items-start gap-3 text-xs text-slate-500">
          {hint && <p id={`${id}-hint`}>{hint}</p>}
          {showCount && rest.maxLength && (
            <p className="ml-auto shrink-0 tabular-nums" aria-hidden>
              {length.toLocaleString('en-US')} / {rest.maxLength.toLocaleString('en-US')}
            </p>
          )}
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** "Saved." or the server's message, announced politely. */
export function FormStatus<T>({ state, success }: { state: FormState<T>; success?: string }) {
  return (
    <p role="status" className={`text-sm ${state && !state.ok ? 'text-red-600' : 'text-emerald-700'}`}>
      {state ? (state.ok ? (success ?? 'Saved.') : state.error) : ''}
    </p>
  );
}

export function SubmitButton({ pending, children, pendingText = 'Saving…', className = '' }: { pending: boolean; children: React.ReactNode; pendingText?: string; className?: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60 ${className}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}

export function SecondaryButton({ className = '', ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      {...props}
      className={`rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60 ${className}`}
    />
  );
}

/**
 * A delete button that asks first (the browser's own confirm dialog: keyboard and screen
 * reader friendly) and shows the server's message if the delete is refused.
 */
export function DeleteButton({
  label,
  confirmText,
  run,
}: {
  /** Accessible name, e.g. "Delete /thanks". */
  label: string;
  confirmText: string;
  run: () => Promise<ActionResult<unknown>>;
}) {
  const [pending, start] = useTransition();
  const errorRef = useRef<HTMLSpanElement>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={label}
        disabled={pending}
        onClick={() => {
          if (!window.confirm(confirmText)) return;
          start(async () => {
            const result = await run();
            if (errorRef.current) errorRef.current.textContent = result.ok ? '' : result.error;
          });
        }}
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-60"
      >
        {pending ? 'Deleting…' : 'Delete'}
      </button>
      <span ref={errorRef} role="status" className="text-sm text-red-600" />
    </span>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{children}</p>;
}
