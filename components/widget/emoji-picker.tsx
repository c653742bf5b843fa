'use client';

import { Smile } from 'lucide-react';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useWidgetText } from './strings';

// The grid is loaded when first opened: most visitors never open it.
const EmojiGrid = lazy(() => import('./emoji-grid').then((m) => ({ default: m.EmojiGrid })));

/** The smiley button and a small grid of emoji: arrow keys move, Enter picks, Escape closes. */
export function EmojiPicker({ disabled, onPick }: { disabled: boolean; onPick(emoji: string): void }) {
  const [open, setOpen] = useState(false);
  const t = useWidgetText();
  const gridId = useId();
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <div className="relative shrink-0">
      <button
        ref={toggle}
        type="button"
        aria-label={t.insertEmoji}
        aria-expanded={open}
        aria-controls={gridId}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        className="flex h-10 w-10 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100 disabled:opacity-50"
      >
        <Smile aria-hidden="true" className="h-5 w-5" />
      </button>
      {open && (
        <Suspense fallback={null}>
          <EmojiGrid
            id={gridId}
            onPick={(emoji) => {
              onPick(emoji);
              setOpen(false);
            }}
            onClose={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
