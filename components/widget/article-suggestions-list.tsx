'use client';

import type { WidgetMessageView } from '@/lib/widget/types';
import type { WidgetApi } from './api';
import { ArticleCard } from './article-card';
import { useArticleSuggestions } from './article-suggestions';
import { useWidgetText } from './strings';

/**
 * The suggested articles under the visitor's first message. Loaded with that message (the
 * lookup and the cards alike), so a first open downloads none of it.
 */
export function ArticleSuggestions({ api, messages, language }: { api: WidgetApi; messages: WidgetMessageView[]; language: string }) {
  const t = useWidgetText();
  const articles = useArticleSuggestions(api, messages, language);
  if (articles.length === 0) return null;
  return (
    <li className="flex flex-col items-start gap-2" data-testid="article-suggestions">
      <p className="px-1 text-xs text-slate-500">{t.suggestedArticles}</p>
      <ul className="flex max-w-full flex-col gap-2" aria-label={t.suggestedArticles}>
        {articles.map((a) => (
          <li key={a.url}>
            <ArticleCard article={a} />
          </li>
        ))}
      </ul>
    </li>
  );
}
