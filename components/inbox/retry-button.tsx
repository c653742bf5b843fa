'use client';

import { useState, useTransition } from 'react';
import { retryMessageAction } from '@/app/w/[slug]/inbox/actions';

export function RetryButton({ workspaceId, messageId }: { workspaceId: string; messageId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await retryMessageAction({ workspaceId, messageId });
            setError(result.ok ? null : result.error);
          })
        }
        className="rounded border border-current px-1.5 py-0.5 text-[11px] font-medium hover:bg-white/20"
      >
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      {error && <span role="status">{error}</span>}
    </span>
  );
}
