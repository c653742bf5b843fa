'use client';

import type { WidgetArticleView } from '@/lib/widget/types';
import { ArticleCard } from './article-card';
import { useWidgetText } from './strings';

/** The suggested articles under the visitor's first message (loaded only when there are some). */
export function ArticleSuggestions({ articles }: { articles: WidgetArticleView[] }) {
  const t = useWidgetText();
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
