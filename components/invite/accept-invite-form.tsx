'use client';

import { useActionState } from 'react';
import { acceptInviteAction, type AcceptInviteState } from '@/app/invite/[token]/actions';

export function AcceptInviteForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AcceptInviteState, FormData>(acceptInviteAction, {});
  const fieldError = (name: string) => state.fieldErrors?.[name]?.[0];
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          New password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          autoFocus
          aria-invalid={Boolean(fieldError('password'))}
          aria-describedby="password-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500 focus:outline-none"
        />
        <p id="password-hint" className={`mt-1 text-xs ${fieldError('password') ? 'text-red-600' : 'text-slate-500'}`}>
          {fieldError('password') ?? 'At least 10 characters.'}
        </p>
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-700">
          Confirm password
        </label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(fieldError('confirm'))}
          aria-describedby="confirm-error"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500 focus:outline-none"
        />
        {fieldError('confirm') && (
          <p id="confirm-error" className="mt-1 text-xs text-red-600">
            {fieldError('confirm')}
          </p>
        )}
      </div>
      {state.error && !fieldError('password') && !fieldError('confirm') && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Setting your password…' : 'Set password and sign in'}
      </button>
    </form>
  );
}
