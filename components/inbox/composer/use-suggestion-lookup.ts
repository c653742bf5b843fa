'use client';

import { useEffect, useRef, useState } from 'react';
import { composerLookupAction } from '@/app/w/[slug]/inbox/conversation-actions';
import { findTrigger, type Trigger } from '@/lib/composer/trigger';
import type { Suggestion } from '../conversation/suggestions';

export type Lookup = { trigger: Trigger; items: Suggestion[]; active: number; loading: boolean };

/**
 * The `/` shortcuts and `#` text blocks list: opens where the caret is in a trigger, fetches
 * what matches (briefly debounced), and takes the arrow keys, Enter/Tab and Escape while
 * open. Escape keeps it closed for that trigger until the caret leaves it.
 */
export function useSuggestionLookup(workspaceId: string, onPick: (item: Suggestion, trigger: Trigger) => void) {
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const dismissedAt = useRef<number | null>(null);

  const update = (value: string, caret: number) => {
    const trigger = findTrigger(value, caret);
    if (!trigger || trigger.start !== dismissedAt.current) dismissedAt.current = null;
    if (!trigger || dismissedAt.current === trigger.start) return setLookup(null);
    setLookup((prev) =>
      prev && prev.trigger.kind === trigger.kind && prev.trigger.start === trigger.start
        ? { ...prev, trigger, loading: prev.trigger.query !== trigger.query || prev.loading }
        : { trigger, items: [], active: 0, loading: true },
    );
  };

  const triggerKey = lookup ? `${lookup.trigger.kind}:${lookup.trigger.start}:${lookup.trigger.query}` : null;
  useEffect(() => {
    if (!lookup) return;
    const { kind, query, start } = lookup.trigger;
    let live = true;
    const timer = setTimeout(async () => {
      const result = await composerLookupAction({ workspaceId, kind, query });
      if (!live) return;
      const items: Suggestion[] = !result.ok
        ? []
        : result.data.kind === 'shortcut'
          ? result.data.items.map((s) => ({ id: s.id, title: `/${s.shortcut}`, detail: s.text, insert: s.text }))
          : result.data.items.map((b) => ({ id: b.id, title: b.title, group: b.category, detail: b.body, insert: b.body }));
      setLookup((prev) =>
        prev && prev.trigger.kind === kind && prev.trigger.start === start && prev.trigger.query === query
          ? { ...prev, items, active: Math.min(prev.active, Math.max(0, items.length - 1)), loading: false }
          : prev,
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when the trigger changes only
  }, [triggerKey, workspaceId]);

  const pick = (item: Suggestion) => {
    if (!lookup) return;
    setLookup(null);
    onPick(item, lookup.trigger);
  };

  /** A key in the textarea while the list is open; true when the list took it. */
  const handleKey = (e: React.KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!lookup) return false;
    const n = lookup.items.length;
    const enter = e.key === 'Enter' && !e.shiftKey;
    let act: (() => void) | null = null;
    if (e.key === 'ArrowDown' && n > 0) act = () => setLookup({ ...lookup, active: (lookup.active + 1) % n });
    else if (e.key === 'ArrowUp' && n > 0) act = () => setLookup({ ...lookup, active: (lookup.active - 1 + n) % n });
    else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && n > 0) act = () => pick(lookup.items[lookup.active]);
    else if (e.key === 'Escape') {
      act = () => {
        dismissedAt.current = lookup.trigger.start;
        setLookup(null);
      };
    }
    // Results on their way: Enter must not send the half-typed "/sh" by accident.
    else if (enter && lookup.loading) act = () => {};
    if (!act) return false;
    e.preventDefault();
    act();
    return true;
  };

  const hover = (index: number) => setLookup((l) => (l ? { ...l, active: index } : l));
  const close = () => setLookup(null);

  return { lookup, update, pick, handleKey, hover, close };
}
