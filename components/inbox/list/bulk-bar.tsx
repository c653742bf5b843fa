'use client';

import { watchResult } from '@/components/layout/server-status';
import { useState, useTransition } from 'react';
import { bulkAction } from '@/app/w/[slug]/inbox/bulk-actions';
import type { z } from 'zod';
import type { bulkInput } from '@/lib/inbox/ops/bulk';
import type { FilterOptions } from './list-toolbar';
import { Star } from 'lucide-react';

type BulkOperation = z.input<typeof bulkInput>['action'];

/** Shown while conversations are selected: assign, resolve, follow up or tag them at once. */
// Long: four bulk actions, each a short handler, and their menus; most of it is markup.
export function BulkBar({
  workspaceId,
  selectedIds,
  options,
  onDone,
  onCancel,
}: {
  workspaceId: string;
  selectedIds: string[];
  options: FilterOptions;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [pending, start] = useTransition();
  const [tag, setTag] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const count = selectedIds.length;

  const run = (action: BulkOperation) =>
    start(async () => {
      const result = watchResult(await bulkAction({ workspaceId, conversationIds: selectedIds, action }));
      if (!result.ok) return setMessage({ kind: 'error', text: result.error });
      const { done, failed } = result.data;
      if (failed.length === 0) {
        setMessage({ kind: 'ok', text: `Done for ${done} conversation${done === 1 ? '' : 's'}.` });
        onDone();
      } else {
        const reasons = [...new Set(failed.map((f) => f.error))].join(' ');
        setMessage({ kind: 'error', text: `${done} done, ${failed.length} not changed: ${reasons}` });
      }
    });

  return (
    <div role="region" aria-label="Bulk actions" className="space-y-2 border-b border-brand-100 bg-brand-50 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{count} selected</span>
        <label className="sr-only" htmlFor="bulk-assign">Assign selected to</label>
        <select
          id="bulk-assign"
          value=""
          disabled={pending || count === 0}
          onChange={(e) => e.target.value && run({ type: 'assign', to: e.target.value })}
          className="rounded border border-slate-300 bg-white px-1.5 py-1 text-xs"
        >
          <option value="">Assign…</option>
          <optgroup label="Agents">
            {options.members.map((m) => (
              <option key={m.id} value={`agent:${m.id}`}>{m.name}</option>
            ))}
          </optgroup>
          {options.teams.length > 0 && (
            <optgroup label="Teams">
              {options.teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>{t.name}</option>
              ))}
            </optgroup>
          )}
          <option value="requests">Back to Requests</option>
        </select>
        <button type="button" disabled={pending || count === 0} onClick={() => run({ type: 'resolve' })} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">
          Resolve
        </button>
        <button type="button" disabled={pending || count === 0} onClick={() => run({ type: 'follow_up', followUp: true })} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">
          <Star className="mr-1 inline size-3.5 align-[-2px]" />
          Follow up
        </button>
        <button type="button" onClick={onCancel} className="ml-auto text-xs text-slate-600 hover:underline">
          Done
        </button>
      </div>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) run({ type: 'tag', name: tag.trim() });
        }}
      >
        <label htmlFor="bulk-tag" className="sr-only">Tag selected customers</label>
        <input id="bulk-tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="Tag the selected customers…" maxLength={40} className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-xs" />
        <button type="submit" disabled={pending || count === 0 || !tag.trim()} className="rounded bg-brand-600 px-2 py-1 text-xs font-medium text-white disabled:opacity-50">
          Add tag
        </button>
      </form>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'text-xs text-red-700' : 'text-xs text-emerald-700'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
