'use client';

import { watchResult } from '@/components/layout/server-status';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { takeOverAction } from '@/app/w/[slug]/inbox/operation-actions';

/** "Take over" from the customer panel, as in the mobile app's customer info. */
export function TakeOverButton({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = watchResult(await takeOverAction({ workspaceId, conversationId }));
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.error);
          })
        }
        className="block w-full rounded-md bg-brand-600 px-3 py-1.5 text-center text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Taking over…' : 'Take over this conversation'}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
