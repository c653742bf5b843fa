'use client';

import { useEffect, useState } from 'react';
import { composerKeys, tabStore } from './tab-store';

/**
 * The composer's text, kept in this browser per conversation until sent or signed out: a reload (the browser's own, or
 * Next falling back to one when the server cannot be reached) or going to another
 * conversation and back finds what the agent was writing. Cleared once sent.
 */
export function useDraft(workspaceId: string, conversationId: string): [string, (text: string) => void] {
  const key = composerKeys.draft(workspaceId, conversationId);
  const [text, setText] = useState('');

  // Read after mounting: the server rendered an empty composer, and the first render must match it.
  useEffect(() => {
    const saved = tabStore.get(key);
    if (saved) setText(saved);
  }, [key]);

  const update = (next: string) => {
    setText(next);
    tabStore.set(key, next);
  };
  return [text, update];
}
