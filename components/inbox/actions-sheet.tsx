'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { MoreHorizontal, X } from 'lucide-react';

/**
 * A conversation's actions: in a row on a wide screen; on a phone behind one "Actions"
 * button, in a sheet at the bottom of the screen with full-width 44 px controls. The owner
 * holds `open` (it closes the sheet when an operation went through); the sheet closes itself
 * when a dialog opened from it closes, on Escape, and on the backdrop. While a dialog from
 * the sheet is open the sheet stays: hiding it would hide the dialog too.
 */
export function ActionsSheet({ children, open, onOpenChange }: { children: ReactNode; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const sheet = useRef<HTMLDivElement>(null);

  const close = () => {
    onOpenChange(false);
    toggle.current?.focus();
  };

  useEffect(() => {
    const node = sheet.current;
    if (!open || !node) return;
    node.querySelector<HTMLElement>('button:not([disabled]), select:not([disabled])')?.focus();
    const onKey = (e: KeyboardEvent) => {
      // A dialog or popover opened from the sheet takes its own Escape.
      if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('dialog, [data-popover]'))) return;
      onOpenChange(false);
      toggle.current?.focus();
    };
    // `close` does not bubble; a capturing listener still sees a child dialog's.
    const onDialogClose = (e: Event) => {
      if (e.target instanceof HTMLDialogElement) onOpenChange(false);
    };
    window.addEventListener('keydown', onKey);
    node.addEventListener('close', onDialogClose, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      node.removeEventListener('close', onDialogClose, true);
    };
  }, [open, onOpenChange]);

  return (
    <>
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => onOpenChange(true)}
        className="inline-flex min-h-11 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 md:hidden"
      >
        <MoreHorizontal aria-hidden className="size-4" /> Actions
      </button>
      {open && <div aria-hidden className="fixed inset-0 z-30 bg-slate-900/40 md:hidden" onClick={close} />}
      <div
        ref={sheet}
        id={id}
        role="group"
        aria-label="Conversation actions"
        className={`${
          open
            ? 'max-md:fixed max-md:inset-x-0 max-md:bottom-0 max-md:z-40 max-md:flex max-md:max-h-[80dvh] max-md:flex-col max-md:items-stretch max-md:gap-2 max-md:overflow-y-auto max-md:rounded-t-2xl max-md:bg-white max-md:p-4 max-md:pb-[max(1rem,env(safe-area-inset-bottom))] max-md:shadow-2xl'
            : 'max-md:hidden'
        } max-md:[&>*]:min-h-11 max-md:[&>*]:w-full max-md:[&>*]:text-sm max-md:[&>span>button]:min-h-11 max-md:[&>span>button]:w-full max-md:[&>div>button]:min-h-11 max-md:[&>div>button]:w-full md:contents`}
      >
        <div className="flex items-center justify-between md:hidden">
          <p className="font-semibold text-slate-900">Actions</p>
          <button type="button" onClick={close} className="inline-flex size-11 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
            <X aria-hidden className="size-5" />
            <span className="sr-only">Close actions</span>
          </button>
        </div>
        {children}
      </div>
    </>
  );
}
