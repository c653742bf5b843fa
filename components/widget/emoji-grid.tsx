'use client';

import { useEffect, useRef } from 'react';
import { useWidgetText } from './strings';

// Common emoji with their names (what a screen reader says). Emoji here are content the
// visitor sends, not icons.
const EMOJI: [string, string][] = [
  ['😀', 'grinning face'],
  ['😂', 'face with tears of joy'],
  ['😊', 'smiling face'],
  ['😍', 'heart eyes'],
  ['🤔', 'thinking face'],
  ['😅', 'sweat smile'],
  ['😢', 'crying face'],
  ['😮', 'surprised face'],
  ['👍', 'thumbs up'],
  ['👎', 'thumbs down'],
  ['🙏', 'folded hands'],
  ['👏', 'clapping hands'],
  ['❤️', 'red heart'],
  ['🎉', 'party popper'],
  ['🔥', 'fire'],
  ['✅', 'check mark'],
  ['📦', 'package'],
  ['🛒', 'shopping cart'],
  ['💳', 'credit card'],
  ['👋', 'waving hand'],
];

const COLUMNS = 5;

/** The grid of emoji, open under the smiley button: arrow keys move, Enter picks, Escape closes. */
export function EmojiGrid({ id, onPick, onClose }: { id: string; onPick(emoji: string): void; onClose(): void }) {
  const t = useWidgetText();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    buttons.current[0]?.focus();
  }, []);

  const move = (from: number, e: React.KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (!step) return;
    e.preventDefault();
    const next = Math.min(EMOJI.length - 1, Math.max(0, from + step));
    buttons.current[next]?.focus();
  };

  return (
    <div id={id} role="group" aria-label={t.emoji} className="absolute bottom-12 left-0 z-10 grid w-56 grid-cols-5 gap-1 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
      {EMOJI.map(([emoji, name], i) => (
        <button
          key={emoji}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          aria-label={name}
          title={name}
          onKeyDown={(e) => move(i, e)}
          onClick={() => onPick(emoji)}
          className="flex h-9 w-9 items-center justify-center rounded-lg text-xl hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-500"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
