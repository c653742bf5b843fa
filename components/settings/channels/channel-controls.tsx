'use client';

import { useState, useTransition } from 'react';
import { retryInboundEventAction, setChannelEnabledAction } from '@/app/w/[slug]/settings/channels/actions';

export function EnableToggle({ workspaceId, channelId, enabled }: { workspaceId: string; channelId: string; enabled: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await setChannelEnabledAction({ workspaceId, channelId, enabled: String(!enabled) });
            setMessage(r.ok ? null : r.error);
          })
        }
        className={`rounded-md px-3 py-1.5 text-sm font-medium ${enabled ? 'border border-slate-300 text-slate-700 hover:bg-slate-50' : 'bg-brand-600 text-white hover:bg-brand-700'}`}
      >
        {pending ? 'Saving…' : enabled ? 'Disable channel' : 'Enable channel'}
      </button>
      {message && <span role="status" className="text-sm text-red-600">{message}</span>}
    </div>
  );
}

export function RetryEventButton({ workspaceId, eventId }: { workspaceId: string; eventId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await retryInboundEventAction({ workspaceId, eventId });
            setMessage(r.ok ? 'Retrying…' : r.error);
          })
        }
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
      >
        Retry now
      </button>
      {message && <span role="status" className="text-xs text-slate-600">{message}</span>}
    </span>
  );
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <p className="text-sm text-slate-500">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 text-xs">{value}</code>
        <button
          type="button"
          onClick={() => navigator.clipboard.writeText(value).then(() => setCopied(true))}
          className="shrink-0 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
