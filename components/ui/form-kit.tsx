'use client';

import { startTransition, useActionState, useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { watchResult } from '@/components/layout/server-status';

// The one set of form pieces every screen builds its forms from: forms that run a server
// action, show each input's own error and a status line, and keep what the user typed when
// the server refuses it. The fields also work controlled (`value` + `onValueChange`), for
// editors that keep their draft in the browser (the flow builder).

export type FormState<T> = ActionResult<T> | null;

export function useActionForm<T>(
  run: (form: FormData) => Promise<ActionResult<T>>,
  options: { onSuccess?: (data: T) => void; resetOnSuccess?: boolean } = {},
) {
  const formRef = useRef<HTMLFormElement>(null);
  const latest = useRef(options);
  latest.current = options;
  const [state, dispatch, pending] = useActionState<FormState<T>, FormData>(async (_previous, form) => {
    const result = watchResult(await run(form));
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

/** Whom a field's hint and error describe, for screen readers. */
function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** What every labelled field shares: the label (with a mark when required), then the control, its hint and its error. */
function FieldFrame({ id, label, required, hint, error, aside, children }: { id: string; label: string; required?: boolean; hint?: React.ReactNode; error?: string; aside?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && <span aria-hidden className="text-red-600"> *</span>}
      </label>
      {children}
      {(hint || aside) && (
        <div className="mt-1 flex items-start gap-3 text-xs text-slate-500">
          {hint && <p id={`${id}-hint`}>{hint}</p>}
          {aside}
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

type TextFieldProps = {
  label: string;
  /** The form field's name; a controlled field in a client-side editor (the flow builder) needs none. */
  name?: string;
  error?: string;
  hint?: React.ReactNode;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  /** Show "12 / 1,000" under the input (needs maxLength). */
  showCount?: boolean;
  /** For a controlled field (with `value`): called with the new text on every change. */
  onValueChange?: (value: string) => void;
} & Omit<React.InputHTMLAttributes<HTMLInputElement> & React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'required' | 'onChange' | 'onInput'>;

/** A labelled input with its hint and error wired up for screen readers. */
export function TextField({ label, name, error, hint, multiline, rows = 3, required, showCount, onValueChange, ...rest }: TextFieldProps) {
  const id = useId();
  const [typed, setTyped] = useState(String(rest.defaultValue ?? '').length);
  const length = typeof rest.value === 'string' ? rest.value.length : typed;
  const common = {
    id,
    name,
    required,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy(id, hint, error),
    className: inputClass,
    onInput: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setTyped(e.currentTarget.value.length),
    onChange: onValueChange && ((e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onValueChange(e.currentTarget.value)),
  };
  const count = showCount && rest.maxLength ? (
    <p className="ml-auto shrink-0 tabular-nums" aria-hidden>
      {length.toLocaleString('en-US')} / {rest.maxLength.toLocaleString('en-US')}
    </p>
  ) : null;
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error} aside={count}>
      {multiline ? (
        <textarea {...(rest as React.TextareaHTMLAttributes<HTMLTextAreaElement>)} {...common} rows={rows} />
      ) : (
        <input {...(rest as React.InputHTMLAttributes<HTMLInputElement>)} {...common} />
      )}
    </FieldFrame>
  );
}

/** A labelled number input, controlled: an empty input is `undefined`. */
export function NumberField({ value, onValueChange, ...rest }: { value: number | undefined; onValueChange: (value: number | undefined) => void } & Omit<TextFieldProps, 'value' | 'onValueChange' | 'multiline' | 'type'>) {
  return <TextField {...rest} type="number" inputMode="numeric" value={value ?? ''} onValueChange={(v) => onValueChange(v === '' ? undefined : Number(v))} />;
}

/**
 * A labelled select: its options from `choices` ([value, text] pairs) and/or `children`.
 * A form field with `name` and `defaultValue`, or controlled with `value` and `onValueChange`.
 */
export function SelectField<V extends string = string>({
  label,
  error,
  hint,
  required,
  invalid,
  choices,
  onValueChange,
  children,
  ...rest
}: {
  label: string;
  error?: string;
  hint?: React.ReactNode;
  required?: boolean;
  /** Marks the select invalid without a message of its own (the problem is told elsewhere). */
  invalid?: boolean;
  choices?: readonly (readonly [V, string])[];
  onValueChange?: (value: V) => void;
  children?: React.ReactNode;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'required' | 'onChange' | 'children' | 'aria-invalid'>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <select
        {...rest}
        id={id}
        required={required}
        aria-invalid={Boolean(error) || Boolean(invalid)}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass}
        onChange={onValueChange && ((e) => onValueChange(e.currentTarget.value as V))}
      >
        {children}
        {choices?.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({ label, onCheckedChange, ...rest }: { label: React.ReactNode; onCheckedChange?: (checked: boolean) => void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange'>) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input {...rest} type="checkbox" onChange={onCheckedChange && ((e) => onCheckedChange(e.currentTarget.checked))} /> {label}
    </label>
  );
}

/**
 * A stored secret (a password, a shared secret) the page never sees: it knows only whether
 * one is set ("Password set"); the field empty keeps it, text replaces it, and "Remove the
 * stored …" clears it. Controlled, so the form can empty it once saved.
 */
export function SealedSecretField({
  label,
  name,
  clearName,
  noun,
  isSet,
  value,
  onValueChange,
  clear,
  onClearChange,
  error,
  hint,
  testId,
}: {
  label: string;
  name: string;
  /** The checkbox's field name: "on" when the stored secret is to be removed. */
  clearName: string;
  /** What is stored, as the hint and the badge say it: "password", "secret". */
  noun: string;
  isSet: boolean;
  value: string;
  onValueChange: (value: string) => void;
  clear: boolean;
  onClearChange: (clear: boolean) => void;
  error?: string;
  /** Said instead of whether one is set (e.g. that saving will drop it). */
  hint?: string;
  testId: string;
}) {
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div>
      <TextField
        label={label}
        name={name}
        type="password"
        maxLength={500}
        autoComplete="new-password"
        value={value}
        onValueChange={onValueChange}
        disabled={clear}
        error={error}
        hint={hint ?? (isSet ? `A ${noun} is set. Leave empty to keep it, or type a new one to replace it.` : `No ${noun} is set.`)}
      />
      {isSet && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800" data-testid={testId}>
            {capitalised} set
          </span>
          <CheckboxField name={clearName} label={`Remove the stored ${noun}`} checked={clear} onCheckedChange={onClearChange} />
        </div>
      )}
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

/** The end of a settings form: its submit button and the status line beside it. */
export function FormFooter<T>({
  pending,
  state,
  children,
  pendingText,
  success,
  className = '',
}: {
  pending: boolean;
  state: FormState<T>;
  children: React.ReactNode;
  pendingText?: string;
  /** What a successful save says; the server's data can shape it. */
  success?: string | ((data: T) => string);
  className?: string;
}) {
  const said = state?.ok && typeof success === 'function' ? success(state.data) : (success as string | undefined);
  return (
    <div className={`flex flex-wrap items-center gap-3 ${className}`}>
      <SubmitButton pending={pending} pendingText={pendingText}>
        {children}
      </SubmitButton>
      <FormStatus state={state} success={said} />
    </div>
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
