'use client';

import { watchResult } from '@/components/layout/server-status';
import { useRef, useState, useTransition, type ReactNode } from 'react';
import { CheckCircle2, Star } from 'lucide-react';
import { followUpAction, resolveAction } from '@/app/w/[slug]/inbox/operation-actions';
import { swipeOffset, SWIPE_OPEN_PX } from './swipe';

type Props = {
  workspaceId: string;
  conversationId: string;
  name: string;
  followUp: boolean;
  open: boolean;
  children: ReactNode;
  /** A row's result reaches the list through the live update; a refusal is said here (null: the next try clears it). */
  onError: (message: string | null) => void;
};

/**
 * A row a thumb can swipe to the left on a touch screen, uncovering Follow up and Resolve.
 * The vertical scroll stays the browser's (touch-action: pan-y); a swipe that moved the row
 * does not also open the conversation. Mouse and keyboard users have the same actions in the
 * conversation.
 */
export function SwipeActions({ workspaceId, conversationId, name, followUp, open, children, onError }: Props) {
  const [offset, setOffset] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [pending, start] = useTransition();
  const from = useRef<{ x: number; y: number; base: number } | null>(null);
  const moved = useRef(false);

  const run = (action: () => ReturnType<typeof resolveAction>) =>
    start(async () => {
      onError(null);
      const result = watchResult(await action());
      if (!result.ok) onError(result.error);
      setRevealed(false);
      setOffset(0);
    });

  const shown = dragging ? offset : revealed ? -SWIPE_OPEN_PX : 0;
  return (
    <div className="relative overflow-hidden" data-testid="swipe-row" data-revealed={revealed || undefined}>
      <div className="absolute inset-y-0 right-0 flex" aria-hidden={!revealed} style={{ width: SWIPE_OPEN_PX }}>
        <button
          type="button"
          tabIndex={revealed ? 0 : -1}
          disabled={pending}
          onClick={() => run(() => followUpAction({ workspaceId, conversationId, followUp: !followUp }))}
          className="flex flex-1 flex-col items-center justify-center gap-1 bg-amber-500 text-xs font-medium text-white"
        >
          <Star aria-hidden className="size-5" />
          {followUp ? 'Unfollow' : 'Follow up'}
          <span className="sr-only"> {name}</span>
        </button>
        {open && (
          <button
            type="button"
            tabIndex={revealed ? 0 : -1}
            disabled={pending}
            onClick={() => run(() => resolveAction({ workspaceId, conversationId }))}
            className="flex flex-1 flex-col items-center justify-center gap-1 bg-emerald-600 text-xs font-medium text-white"
          >
            <CheckCircle2 aria-hidden className="size-5" />
            Resolve
            <span className="sr-only"> {name}</span>
          </button>
        )}
      </div>
      <div
        className={`relative bg-white [touch-action:pan-y] ${dragging ? '' : 'transition-transform duration-150'}`}
        style={{ transform: shown ? `translateX(${shown}px)` : undefined }}
        onTouchStart={(e) => {
          const t = e.touches[0];
          if (!t || e.touches.length > 1) return;
          from.current = { x: t.clientX, y: t.clientY, base: revealed ? -SWIPE_OPEN_PX : 0 };
          moved.current = false;
        }}
        onTouchMove={(e) => {
          const t = e.touches[0];
          if (!from.current || !t) return;
          const next = swipeOffset(from.current.base, t.clientX - from.current.x, t.clientY - from.current.y);
          if (next === null) return;
          moved.current = true;
          setDragging(true);
          setOffset(next);
        }}
        onTouchEnd={() => {
          if (!from.current) return;
          from.current = null;
          if (dragging) setRevealed(offset <= -SWIPE_OPEN_PX / 2);
          setDragging(false);
          setOffset(0);
        }}
        onTouchCancel={() => {
          from.current = null;
          setDragging(false);
          setOffset(0);
        }}
        onClickCapture={(e) => {
          // The tap that ends a swipe only settles the row; a tap on a row whose actions show closes them.
          if (!moved.current && !revealed) return;
          e.preventDefault();
          e.stopPropagation();
          if (moved.current) moved.current = false;
          else setRevealed(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
