'use client';

import { useState, useTransition } from 'react';
import { simulateChannelAction } from '@/app/w/[slug]/settings/simulator/actions';

/** Hands a connected channel to the simulator (the demo's fake platform answers for it from then on). */
export function SimulateChannelButton({ workspaceId, channelId, name }: { workspaceId: string; channelId: string; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={pending}
        aria-label={`Simulate ${name}`}
        onClick={() =>
          start(async () => {
            const r = await simulateChannelAction({ workspaceId, channelId });
            setError(r.ok ? null : r.error);
          })
        }
        className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60 max-md:min-h-11"
      >
        {pending ? 'Switching…' : 'Simulate'}
      </button>
      {error && (
        <span role="status" className="text-sm text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
