'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Info } from 'lucide-react';
import { CUSTOMER_INFO_SLOT_ID } from './slot';

/**
 * The right-hand panel: a column beside the conversation on wide screens; on phones and
 * tablets a "Customer info" button in the conversation's header opens it as a sheet over
 * the conversation. (A floating button covered the header's own buttons on phones.)
 */
export function PanelShell({ name, children }: { name: string; children: React.ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  // The header's slot exists once both panels are committed: look for it after mounting
  // (this panel remounts per conversation, so it finds that conversation's header).
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById(CUSTOMER_INFO_SLOT_ID)), []);
  const button = (
    <button
      ref={toggle}
      type="button"
      aria-expanded={open}
      aria-controls={id}
      onClick={() => setOpen(true)}
      className={`${slot ? '' : 'fixed right-3 top-32 z-30 shadow-md '}rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 xl:hidden`}
    >
      <Info aria-hidden className="mr-1 inline h-3.5 w-3.5 align-[-2px]" />Customer info
    </button>
  );

  return (
    <>
      {slot ? createPortal(button, slot) : button}
      {open && <div aria-hidden className="fixed inset-0 z-30 bg-slate-900/30 xl:hidden" onClick={() => setOpen(false)} />}
      <aside
        id={id}
        aria-label="Customer info"
        className={`${open ? 'fixed inset-y-0 right-0 z-40 block w-full max-w-sm shadow-xl' : 'hidden'} min-h-0 overflow-y-auto border-l border-slate-200 bg-white p-4 xl:static xl:z-auto xl:block xl:w-auto xl:max-w-none xl:shadow-none`}
      >
        <div className="mb-2 flex justify-end xl:hidden">
          <button
            ref={close}
            type="button"
            onClick={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
            className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Close <span className="sr-only">customer info for {name}</span>
          </button>
        </div>
        {children}
      </aside>
    </>
  );
}
