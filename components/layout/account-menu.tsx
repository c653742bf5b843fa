'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Avatar } from '@/components/ui/avatar';

/**
 * The header's account controls folded behind the agent's avatar, for screens too narrow
 * to show them in a row. The items are server-rendered and passed in; they stay mounted
 * while the menu is closed so their own state (availability) survives.
 */
export function AccountMenu({ name, avatarUrl, className = '', children }: { name: string; avatarUrl?: string | null; className?: string; children: React.ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={root} className={`relative ${className}`}>
      <button
        ref={button}
        type="button"
        aria-label="Account menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center rounded-full p-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <Avatar name={name} src={avatarUrl} size={30} />
      </button>
      <div
        id={id}
        hidden={!open}
        // Following a link inside leaves the page: the menu should not stay open over the next one.
        onClick={(e) => {
          if ((e.target as Element).closest('a')) setOpen(false);
        }}
        className="absolute right-0 top-full z-50 mt-2 w-64 max-w-[calc(100vw-1.5rem)] rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-lg"
      >
        {children}
      </div>
    </div>
  );
}
