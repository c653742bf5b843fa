// `/` (message shortcuts) and `#` (text blocks) typed in the composer open a list filtered
// by what follows them. Pure functions, so the composer's behaviour is unit-tested.

export type TriggerKind = 'shortcut' | 'text_block';

export type Trigger = {
  kind: TriggerKind;
  /** What was typed after the trigger character, up to the caret. */
  query: string;
  /** Index of the trigger character. */
  start: number;
  /** The caret (end of the query). */
  end: number;
};

const MAX_QUERY = 60;

/**
 * The trigger the caret is in, if any: a `/` or `#` at the start of the text or after
 * whitespace, followed by no whitespace up to the caret. So "see https://x/y" or "1/2" or
 * "order#12" never open a list, while "Hi /thanks" does.
 */
export function findTrigger(text: string, caret: number): Trigger | null {
  const end = Math.max(0, Math.min(caret, text.length));
  for (let i = end - 1; i >= 0 && end - i <= MAX_QUERY + 1; i--) {
    const ch = text[i];
    if (/\s/.test(ch)) return null;
    if (ch === '/' || ch === '#') {
      const before = i === 0 ? '' : text[i - 1];
      if (before !== '' && !/\s/.test(before)) {
        // "a/b": not a trigger here, but a trigger further left cannot span "a" either.
        return null;
      }
      return { kind: ch === '/' ? 'shortcut' : 'text_block', query: text.slice(i + 1, end), start: i, end };
    }
  }
  return null;
}

/** Replaces the trigger and its query with `insertion`; returns the new text and caret. */
export function applySuggestion(text: string, trigger: Pick<Trigger, 'start' | 'end'>, insertion: string): { text: string; caret: number } {
  const next = text.slice(0, trigger.start) + insertion + text.slice(trigger.end);
  return { text: next, caret: trigger.start + insertion.length };
}
