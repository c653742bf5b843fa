'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Info } from 'lucide-react';
import { CUSTOMER_INFO_SLOT_ID } from './slot';

/**
 * The right-hand panel: a column beside the conversation on wide screens; on phones and
 * tablets a "Customer info" button in the conversation's header opens it as a sheet over
 * the conversation, from the bottom on a phone with Close at the thumb. (A floating button
 * covered the header's own buttons on phones.)
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
      className={`${slot ? '' : 'fixed right-3 top-32 z-30 shadow-md '}rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 max-md:min-h-11 max-md:text-sm xl:hidden`}
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
        // A phone: a sheet from the bottom, its Close under the thumb; a tablet: a column over the conversation's right side.
        className={`${open ? 'fixed inset-x-0 bottom-0 top-12 z-40 flex flex-col rounded-t-2xl shadow-xl md:inset-x-auto md:inset-y-0 md:right-0 md:w-full md:max-w-sm md:rounded-none' : 'hidden'} min-h-0 overflow-y-auto border-l border-slate-200 bg-white xl:static xl:z-auto xl:block xl:w-auto xl:max-w-none xl:rounded-none xl:p-4 xl:shadow-none`}
      >
        <div className="flex-1 p-4 xl:p-0">{children}</div>
        <div className="sticky bottom-0 border-t border-slate-200 bg-white p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] xl:hidden">
          <button
            ref={close}
            type="button"
            onClick={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
            className="min-h-11 w-full rounded-md border border-slate-300 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Close <span className="sr-only">customer info for {name}</span>
          </button>
        </div>
      </aside>
    </>
  );
}
