'use client';

import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { searchSendableArticlesAction, sendArticleAction } from '@/app/w/[slug]/inbox/article-actions';
import { ARTICLE_LOCALE_LABELS, isArticleLocale } from '@/lib/articles/locales';

type Hit = { id: string; title: string; excerpt: string; locale: string };
type Props = { workspaceId: string; conversationId: string; onClose(): void; onSent(): void };

/** Published articles matching what the agent types (briefly debounced); every list is the answer to its own query. */
function useArticleSearch(workspaceId: string, q: string) {
  const [result, setResult] = useState<{ q: string; hits: Hit[]; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const r = await searchSendableArticlesAction({ workspaceId, q });
      if (live) setResult({ q, hits: r.ok ? r.data : [], error: r.ok ? null : r.error });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workspaceId, q]);
  return { hits: result?.hits ?? [], error: result?.error ?? null, loading: result?.q !== q };
}

/**
 * "Article": search the published knowledge base by title or text and send one as a card
 * (the customer's channel shows it natively). Arrow keys move through the results, Enter
 * sends the highlighted one, Escape closes.
 */
// Long: one combobox with its list, states and send; most of it is markup.
export function ArticlePanel({ workspaceId, conversationId, onClose, onSent }: Props) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const search = useArticleSearch(workspaceId, q);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => inputRef.current?.focus(), []);
  const current = Math.min(active, Math.max(0, search.hits.length - 1));

  const send = (hit: Hit) =>
    start(async () => {
      setError(null);
      const result = await sendArticleAction({ workspaceId, conversationId, articleId: hit.id });
      if (result.ok) onSent();
      else setError(result.error);
    });

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const n = search.hits.length;
    if (e.key === 'ArrowDown' && n) setActive((current + 1) % n);
    else if (e.key === 'ArrowUp' && n) setActive((current - 1 + n) % n);
    else if (e.key === 'Enter' && n && !pending) send(search.hits[current]);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };

  return (
    <section aria-label="Send an article" className="mb-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="mb-2 flex items-center">
        <h3 className="text-sm font-semibold text-slate-800">Send an article</h3>
        <button type="button" onClick={onClose} className="ml-auto text-xs text-slate-600 hover:underline">
          Cancel
        </button>
      </div>
      <label className="text-xs text-slate-700">
        Search published articles
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded={search.hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={search.hits.length ? `${listId}-${current}` : undefined}
          aria-autocomplete="list"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          maxLength={200}
          placeholder="Title or words in the article"
          className="mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        />
      </label>
      <ul id={listId} role="listbox" aria-label="Articles" aria-busy={search.loading} className="mt-2 max-h-56 overflow-y-auto rounded border border-slate-200 bg-white">
        {search.hits.map((hit, i) => (
          <li
            key={hit.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            onMouseEnter={() => setActive(i)}
            onClick={() => !pending && send(hit)}
            className={`cursor-pointer px-3 py-2 text-sm ${i === current ? 'bg-brand-50' : ''}`}
          >
            <span className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{hit.title}</span>
              <span className="shrink-0 text-xs text-slate-500">{isArticleLocale(hit.locale) ? ARTICLE_LOCALE_LABELS[hit.locale] : hit.locale}</span>
            </span>
            {hit.excerpt && <span className="block truncate text-xs text-slate-600">{hit.excerpt}</span>}
          </li>
        ))}
        {!search.loading && search.hits.length === 0 && (
          <li className="px-3 py-2 text-sm text-slate-500">{search.error ?? (q.trim() ? 'No published article matches.' : 'No published articles yet.')}</li>
        )}
        {search.loading && search.hits.length === 0 && <li className="px-3 py-2 text-sm text-slate-500">Searching…</li>}
      </ul>
      <p className="mt-1 text-xs text-slate-500">{pending ? 'Sending…' : 'Enter or click sends the article as a card.'}</p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
