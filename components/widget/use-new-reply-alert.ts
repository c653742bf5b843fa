'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WidgetMessageView } from '@/lib/widget/types';
import { postToParent } from './bridge';

const MUTE_KEY = 'baton:muted';

/**
 * A new reply while the chat is closed or the tab hidden: a chime (unless the visitor muted
 * it) and a note to the loader, which blinks the page's title. Replies already there when
 * the history loads are not new.
 */
export function useNewReplyAlert({ messages, loaded, open, visible, parentOrigin }: { messages: WidgetMessageView[]; loaded: boolean; open: boolean; visible: boolean; parentOrigin: string | null }) {
  const [muted, setMuted] = useState(false);
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    try {
      setMuted(window.localStorage.getItem(MUTE_KEY) === '1');
    } catch {
      // No storage: sounds stay on for this page view.
    }
  }, []);

  useEffect(() => {
    const replies = messages.filter((m) => m.from !== 'visitor');
    if (!loaded) return;
    if (known.current === null) {
      known.current = new Set(replies.map((m) => m.id));
      return;
    }
    const fresh = replies.filter((m) => !known.current!.has(m.id));
    for (const m of fresh) known.current.add(m.id);
    if (fresh.length === 0 || (open && visible)) return;
    // The chime's code loads with the first reply that rings it, not with the chat.
    if (!muted) void import('./chime').then((m) => m.chime()).catch(() => {});
    postToParent({ type: 'new-reply' }, parentOrigin);
  }, [messages, loaded, open, visible, muted, parentOrigin]);

  const toggleMuted = useCallback(() => {
    setMuted((m) => {
      try {
        window.localStorage.setItem(MUTE_KEY, m ? '0' : '1');
      } catch {
        // see above
      }
      return !m;
    });
  }, []);

  return { muted, toggleMuted };
}
