'use client';

import { useOptimistic, useTransition, useState } from 'react';
import { setAvailabilityAction } from '@/app/w/[slug]/actions/availability';

type Availability = 'online' | 'away';

/** Online agents receive new requests; away ones keep their chats but get no new ones. */
export function AvailabilityToggle({ workspaceId, initial }: { workspaceId: string; initial: Availability }) {
  const [availability, setOptimistic] = useOptimistic<Availability>(initial);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const next: Availability = availability === 'online' ? 'away' : 'online';

  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={availability === 'online'}
        aria-label="Available for new chats"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setOptimistic(next);
            setError(null);
            const result = await setAvailabilityAction({ workspaceId, availability: next });
            if (!result.ok) setError(result.error);
          })
        }
        className="flex items-center gap-1.5 rounded-full border border-slate-200 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      >
        <span className={`h-2 w-2 rounded-full ${availability === 'online' ? 'bg-emerald-500' : 'bg-slate-400'}`} aria-hidden />
        {availability === 'online' ? 'Online' : 'Away'}
      </button>
      {error && (
        <span role="status" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </div>
  );
}
