'use client';

import { useActionState } from 'react';
import { joinInviteAction, type AcceptInviteState } from '@/app/invite/[token]/actions';

export function JoinInviteForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action, pending] = useActionState<AcceptInviteState, FormData>(joinInviteAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Joining…' : `Join ${workspaceName}`}
      </button>
    </form>
  );
}
