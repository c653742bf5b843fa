'use client';

import { useId, type RefObject } from 'react';
import { SuggestionList } from '../conversation/suggestions';
import type { useSuggestionLookup } from './use-suggestion-lookup';

/**
 * The reply's textarea, with the `/` and `#` suggestion list above it. Focus stays in the
 * textarea while the list is open; it points at the active item (aria-activedescendant).
 */
export function ReplyInput({
  conversationId,
  area,
  text,
  note,
  disabled,
  maxLength,
  placeholder,
  suggestions,
  onText,
  onEnter,
}: {
  conversationId: string;
  area: RefObject<HTMLTextAreaElement | null>;
  text: string;
  note: boolean;
  disabled: boolean;
  maxLength: number;
  placeholder: string;
  suggestions: ReturnType<typeof useSuggestionLookup>;
  onText(value: string, caret: number): void;
  /** Enter without Shift (Shift+Enter adds a line), unless the suggestion list took it. */
  onEnter(): void;
}) {
  const listId = useId();
  const { lookup } = suggestions;
  return (
    <div className="relative">
      {lookup && (
        <SuggestionList
          id={listId}
          label={lookup.trigger.kind === 'shortcut' ? 'Message shortcuts' : 'Text blocks'}
          items={lookup.items}
          active={lookup.active}
          loading={lookup.loading}
          emptyText={lookup.trigger.kind === 'shortcut' ? 'No shortcut matches. Admins add them under Settings → Message shortcuts.' : 'No text block matches.'}
          onPick={suggestions.pick}
          onHover={suggestions.hover}
        />
      )}
      <label htmlFor={`composer-${conversationId}`} className="sr-only">
        {note ? 'Internal note' : 'Reply to the customer'}
      </label>
      <textarea
        id={`composer-${conversationId}`}
        ref={area}
        value={text}
        disabled={disabled}
        aria-autocomplete="list"
        aria-controls={lookup ? listId : undefined}
        aria-activedescendant={lookup && lookup.items.length > 0 ? `${listId}-${lookup.active}` : undefined}
        onChange={(e) => onText(e.target.value, e.target.selectionStart ?? e.target.value.length)}
        onSelect={(e) => {
          const t = e.currentTarget;
          if (t.selectionStart === t.selectionEnd) suggestions.update(t.value, t.selectionStart ?? t.value.length);
        }}
        onBlur={suggestions.close}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || suggestions.handleKey(e)) return;
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            onEnter();
          }
        }}
        rows={2}
        maxLength={maxLength}
        placeholder={placeholder}
        className="block w-full resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none disabled:bg-slate-100"
      />
    </div>
  );
}
