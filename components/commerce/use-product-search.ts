'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 200;

/**
 * A catalogue search as the agent types (the product pickers, the set editor's components):
 * runs once typing pauses, only while `active` (its dialog is open; always, for a field on a
 * page), ignores answers to queries already replaced, and keeps the last answer meanwhile so
 * the list does not flash back to "Loading" on every keystroke.
 */
export function useProductSearch<R>(search: (q: string) => Promise<ActionResult<R>>, active: boolean) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The caller passes a new function each render; only the query and `active` should re-run it.
  const run = useEffectEvent(search);

  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = setTimeout(async () => {
      const answer = await run(query);
      if (!current) return; // a later query has taken over
      if (answer.ok) {
        setResult(answer.data);
        setError(null);
      } else setError(answer.error);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [active, query]);

  return { query, setQuery, result, error };
}
