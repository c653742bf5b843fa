'use client';

import { useState, useTransition } from 'react';
import { DeleteButton, SecondaryButton } from '@/components/ui/form-kit';
import { deleteFlowAction, duplicateFlowAction, toggleFlowAction } from '@/app/w/[slug]/settings/flows/actions';

export function FlowControls({ workspaceId, flow }: { workspaceId: string; flow: { id: string; name: string; enabled: boolean } }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const result = await work();
      setError(result.ok ? null : (result.error ?? 'Something went wrong.'));
    });
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-1">
      <SecondaryButton disabled={pending} onClick={() => run(() => toggleFlowAction({ workspaceId, id: flow.id, enabled: !flow.enabled }))}>
        {flow.enabled ? 'Disable' : 'Enable'}
      </SecondaryButton>
      <SecondaryButton disabled={pending} onClick={() => run(() => duplicateFlowAction({ workspaceId, id: flow.id }))}>
        Duplicate
      </SecondaryButton>
      <DeleteButton label={`Delete ${flow.name}`} confirmText={`Delete the flow ${flow.name}? Conversations inside it go to Requests.`} run={() => deleteFlowAction({ workspaceId, id: flow.id })} />
      {error && (
        <p role="alert" className="w-full text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
