'use client';

import { useEffect, useRef } from 'react';

export const LIST_SHORTCUTS: Array<{ keys: string[]; what: string }> = [
  { keys: ['j', '↓'], what: 'Next conversation' },
  { keys: ['k', '↑'], what: 'Previous conversation' },
  { keys: ['Enter'], what: 'Open the conversation' },
  { keys: ['/'], what: 'Search customers' },
  { keys: ['?'], what: 'Show these shortcuts' },
  { keys: ['Esc'], what: 'Close this dialog, or leave the search box' },
];

/**
 * The keyboard shortcuts, in a modal <dialog>: the browser keeps focus inside it and makes
 * the page behind inert; Escape closes it, and focus returns where it was.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const previous = document.activeElement as HTMLElement | null;
      dialog.showModal();
      closeButton.current?.focus();
      return () => {
        if (dialog.open) dialog.close();
        previous?.focus?.();
      };
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="list-shortcuts-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        // Focus trap-lite: Tab cycles within the dialog even where the browser would leave it.
        if (e.key !== 'Tab') return;
        const focusable = ref.current?.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])');
        if (!focusable || focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-4">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="list-shortcuts-title" className="font-semibold">
            Keyboard shortcuts
          </h2>
          <button ref={closeButton} type="button" onClick={onClose} className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
            Close
          </button>
        </div>
        <dl className="space-y-2 text-sm">
          {LIST_SHORTCUTS.map((s) => (
            <div key={s.what} className="flex items-center justify-between gap-4">
              <dt className="flex gap-1">
                {s.keys.map((k) => (
                  <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">
                    {k}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-600">{s.what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </dialog>
  );
}
