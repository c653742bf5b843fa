'use client';

import { Play } from 'lucide-react';
import { lazy, Suspense, useRef, useState } from 'react';

// The player (with rrweb's replayer, ≈ 60 KB gzipped) loads on the first Play only, so the
// inbox's own bundle does not carry it.
const RecordingPlayer = lazy(() => import('./recording-player'));

/** Play: opens the player in the browser's own modal dialog (focus stays inside, Escape closes it). */
export function PlayRecordingButton({ workspaceId, recordingId, startedAt }: { workspaceId: string; recordingId: string; startedAt: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    dialog.current?.close();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="flex shrink-0 items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 max-md:min-h-11"
      >
        <Play aria-hidden className="h-3.5 w-3.5" />
        Play
      </button>
      <dialog
        ref={dialog}
        aria-label="Visit recording"
        onClose={() => setOpen(false)}
        className="m-auto w-[calc(100%-1rem)] max-w-5xl rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {open && (
          <Suspense fallback={<p className="p-6 text-sm text-slate-500">Loading the player…</p>}>
            <RecordingPlayer workspaceId={workspaceId} recordingId={recordingId} startedAt={startedAt} onClose={close} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
