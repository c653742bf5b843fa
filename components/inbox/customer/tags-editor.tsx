'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { addTagAction, removeTagAction } from '@/app/w/[slug]/inbox/customer-actions';
import type { CustomerTag } from '@/lib/contacts/profile';

const tagColors: Record<string, string> = {
  amber: 'bg-amber-100 text-amber-900',
  green: 'bg-emerald-100 text-emerald-900',
  blue: 'bg-sky-100 text-sky-900',
  red: 'bg-rose-100 text-rose-900',
  violet: 'bg-violet-100 text-violet-900',
  slate: 'bg-slate-100 text-slate-800',
};

/**
 * The customer's tags: remove with ×, add by typing (suggestions from the workspace's tags;
 * a new name creates the tag).
 */
// Long: the tag list and the add box with its suggestions share one state; most of it is markup.
export function TagsEditor({ workspaceId, contactId, tags, workspaceTags }: { workspaceId: string; contactId: string; tags: CustomerTag[]; workspaceTags: CustomerTag[] }) {
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  const [pending, start] = useTransition();
  const have = new Set(tags.map((t) => t.id));
  const suggestions = workspaceTags.filter((t) => !have.has(t.id));

  const add = (name: string) =>
    start(async () => {
      const result = await addTagAction({ workspaceId, contactId, name });
      if (result.ok) {
        setError('');
        if (input.current) input.current.value = '';
      } else setError(result.fieldErrors?.name?.[0] ?? result.error);
      input.current?.focus();
    });

  const remove = (tag: CustomerTag) =>
    start(async () => {
      const result = await removeTagAction({ workspaceId, contactId, tagId: tag.id });
      setError(result.ok ? '' : result.error);
      input.current?.focus();
    });

  return (
    <div>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">No tags yet.</p>
      ) : (
        <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li key={tag.id} className={`inline-flex items-center gap-1 rounded-full py-0.5 pl-2.5 pr-1 text-xs font-medium ${tagColors[tag.color] ?? tagColors.slate}`}>
              {tag.name}
              <button
                type="button"
                aria-label={`Remove tag ${tag.name}`}
                disabled={pending}
                onClick={() => remove(tag)}
                className="flex h-4 w-4 items-center justify-center rounded-full hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-2 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const name = input.current?.value.trim() ?? '';
          if (name) add(name);
        }}
      >
        <label htmlFor={`${ids}-tag`} className="sr-only">
          Add a tag
        </label>
        <input
          ref={input}
          id={`${ids}-tag`}
          list={`${ids}-suggestions`}
          placeholder="Add a tag…"
          maxLength={40}
          autoComplete="off"
          aria-invalid={Boolean(error)}
          aria-describedby={`${ids}-error`}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-brand-500 focus:outline-none"
        />
        <datalist id={`${ids}-suggestions`}>
          {suggestions.map((t) => (
            <option key={t.id} value={t.name} />
          ))}
        </datalist>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60"
        >
          {pending ? 'Saving…' : 'Add tag'}
        </button>
      </form>
      <p id={`${ids}-error`} role="status" className="mt-1 text-sm text-red-600">
        {error}
      </p>
    </div>
  );
}
