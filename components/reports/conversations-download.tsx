'use client';

import { useState } from 'react';
import { FileDown } from 'lucide-react';
import { saveBlobAs } from '@/components/ui/save-file';

/**
 * Downloads the streamed Conversations CSV, counting rows as they arrive against the
 * total the server announces, so a year's file shows how far it has got.
 */
export function ConversationsDownload({ href, filename }: { href: string; filename: string }) {
  const [state, setState] = useState<{ busy: boolean; done: number; total: number | null; error: string | null }>({ busy: false, done: 0, total: null, error: null });

  const download = async () => {
    setState({ busy: true, done: 0, total: null, error: null });
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok || !response.body) throw new Error((await response.text()) || 'The download failed.');
      const total = Number(response.headers.get('x-total-rows') ?? '0');
      const reader = response.body.getReader();
      const parts: BlobPart[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) lines++;
        // The first line is the header.
        setState({ busy: true, done: Math.max(0, lines - 1), total, error: null });
      }
      saveBlobAs(new Blob(parts, { type: 'text/csv;charset=utf-8' }), filename);
      setState({ busy: false, done: total, total, error: null });
    } catch (error) {
      setState({ busy: false, done: 0, total: null, error: error instanceof Error ? error.message : 'The download failed.' });
    }
  };

  const percent = state.total ? Math.min(100, Math.round((state.done / state.total) * 100)) : 0;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={download}
        disabled={state.busy}
        className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        <FileDown aria-hidden className="h-4 w-4" /> Conversations CSV
      </button>
      {state.busy && (
        <div className="flex min-w-0 items-center gap-2 text-xs text-slate-600">
          <progress max={100} value={percent} aria-label="Conversations CSV progress" className="h-2 w-24" />
          <span role="status">
            {state.done.toLocaleString('en')} of {state.total === null ? '…' : state.total.toLocaleString('en')} rows
          </span>
        </div>
      )}
      {!state.busy && state.total !== null && !state.error && (
        <span role="status" className="text-xs text-slate-600">
          Downloaded {state.total.toLocaleString('en')} {state.total === 1 ? 'row' : 'rows'}
        </span>
      )}
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </div>
  );
}
