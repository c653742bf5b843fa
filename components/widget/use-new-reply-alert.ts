'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WidgetMessageView } from '@/lib/widget/types';
import { postToParent } from './bridge';

const MUTE_KEY = 'baton:muted';

/** A short two-note chime from the Web Audio API (no sound file to load). */
function chime() {
  const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Context) return;
  const audio = new Context();
  const now = audio.currentTime;
  [880, 1175].forEach((frequency, i) => {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + i * 0.12);
    gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start(now + i * 0.12);
    tone.stop(now + i * 0.12 + 0.26);
  });
  setTimeout(() => void audio.close().catch(() => {}), 800);
}

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
    if (!muted) chime();
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
