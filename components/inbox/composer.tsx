'use client';

import { useRef, useState, useTransition } from 'react';
import { sendReplyAction } from '@/app/w/[slug]/inbox/actions';

export type ComposerWindow = { state: 'open' | 'human_agent' | 'templates_only' | 'closed'; reason?: string };

/**
 * Reply or note. Enter sends, Shift+Enter adds a line. A refused send (someone else took
 * the chat, the window closed) shows why and keeps the text.
 */
export function Composer({ workspaceId, conversationId, window }: { workspaceId: string; conversationId: string; window: ComposerWindow }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const area = useRef<HTMLTextAreaElement>(null);
  const blocked = !note && (window.state === 'closed' || window.state === 'templates_only');

  const submit = () => {
    const body = text.trim();
    if (!body || pending || blocked) return;
    start(async () => {
      setError(null);
      const result = await sendReplyAction({ workspaceId, conversationId, text: body, note });
      if (result.ok) setText('');
      else setError(result.error);
      area.current?.focus();
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className={`border-t p-3 ${note ? 'border-amber-200 bg-amber-50' : 'border-slate-200 bg-white'}`}
      aria-label="Reply"
    >
      {window.state !== 'open' && !note && (
        <p className={`mb-2 rounded px-2 py-1 text-xs ${blocked ? 'bg-red-50 text-red-700' : 'bg-amber-50 text-amber-800'}`} role="status">
          {window.reason}
        </p>
      )}
      {error && (
        <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-700">
          {error}
        </p>
      )}
      <label htmlFor={`composer-${conversationId}`} className="sr-only">
        {note ? 'Internal note' : 'Reply to the customer'}
      </label>
      <textarea
        id={`composer-${conversationId}`}
        ref={area}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
        rows={2}
        maxLength={4000}
        placeholder={note ? 'Write a note only your team sees…' : blocked ? 'Replying is not possible right now' : 'Type a reply… (Enter to send, Shift+Enter for a new line)'}
        className="block w-full resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
      />
      <div className="mt-2 flex items-center gap-3">
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={note} onChange={(e) => setNote(e.target.checked)} />
          Note
        </label>
        <button
          type="submit"
          disabled={pending || !text.trim() || blocked}
          className={`ml-auto rounded-md px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${note ? 'bg-amber-600 hover:bg-amber-700' : 'bg-brand-600 hover:bg-brand-700'}`}
        >
          {pending ? 'Sending…' : note ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
