import { Fragment } from 'react';

export type HighlightMode = 'text' | 'phone';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * [start, end) ranges of `term` in `text`, case-insensitively (as the search matched).
 * Phone mode also finds the term's digits across spaces and dashes ("0812" in "081 2…").
 */
export function highlightRanges(text: string, term: string, mode: HighlightMode = 'text'): Array<[number, number]> {
  const needle = term.trim();
  if (!needle) return [];
  const ranges: Array<[number, number]> = [];
  const re = new RegExp(escapeRegExp(needle), 'giu');
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) break;
    ranges.push([m.index, m.index + m[0].length]);
  }
  if (ranges.length === 0 && mode === 'phone') {
    const digits = needle.replace(/\D/g, '');
    if (digits.length >= 4) {
      const positions: number[] = [];
      for (let i = 0; i < text.length; i++) if (/\d/.test(text[i])) positions.push(i);
      const at = positions.map((p) => text[p]).join('').indexOf(digits);
      if (at >= 0) ranges.push([positions[at], positions[at + digits.length - 1] + 1]);
    }
  }
  return ranges;
}

/** Text with the search term marked. React elements only: the text is never parsed as HTML. */
export function Highlight({ text, term, mode = 'text' }: { text: string; term?: string | null; mode?: HighlightMode }) {
  const ranges = term ? highlightRanges(text, term, mode) : [];
  if (ranges.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let pos = 0;
  ranges.forEach(([start, end], i) => {
    if (start > pos) parts.push(<Fragment key={`t${i}`}>{text.slice(pos, start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} className="rounded-sm bg-amber-200 text-inherit">
        {text.slice(start, end)}
      </mark>,
    );
    pos = end;
  });
  if (pos < text.length) parts.push(<Fragment key="rest">{text.slice(pos)}</Fragment>);
  return <>{parts}</>;
}
