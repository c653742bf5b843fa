'use client';

import { useState, useTransition } from 'react';
import { sendOptinRequestAction } from '@/app/w/[slug]/inbox/optin-actions';

const input = 'mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm max-md:min-h-11';
const TITLE_MAX = 65;

type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/**
 * Messenger: asks the customer to opt in to notifications (Meta's Marketing Messages). Once
 * they accept, the agent can message them outside the 24 h window, once per period.
 */
export function OptinPanel({ workspaceId, conversationId, onClose, onSent }: { workspaceId: string; conversationId: string; onClose(): void; onSent(): void }) {
  const [title, setTitle] = useState('');
  const [frequency, setFrequency] = useState<Frequency>('WEEKLY');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const send = () =>
    start(async () => {
      setError(null);
      const result = await sendOptinRequestAction({ workspaceId, conversationId, title, frequency });
      if (result.ok) onSent();
      else setError(result.error);
    });
  return (
    <section aria-label="Ask to opt in to notifications" className="mb-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="mb-2 flex items-center">
        <h3 className="text-sm font-semibold text-slate-800">Ask to opt in to notifications</h3>
        <button type="button" onClick={onClose} className="ml-auto text-xs text-slate-600 hover:underline max-md:min-h-11">
          Cancel
        </button>
      </div>
      <p className="mb-2 text-xs text-slate-600">
        If the customer accepts, you can message them after the 24 h window closes: one message per period, until the opt-in expires.
      </p>
      <form
        className="grid gap-2 sm:grid-cols-[1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label className="text-xs text-slate-700">
          What they get (title)
          <input required maxLength={TITLE_MAX} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Weekly deals from our shop" className={input} />
        </label>
        <label className="text-xs text-slate-700">
          How often
          <select value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)} className={input}>
            <option value="DAILY">Daily</option>
            <option value="WEEKLY">Weekly</option>
            <option value="MONTHLY">Monthly</option>
          </select>
        </label>
        <button type="submit" disabled={pending || !title.trim()} className="justify-self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 max-md:min-h-11">
          {pending ? 'Sending…' : 'Send opt-in request'}
        </button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
