'use client';

import { useEffect, useState } from 'react';
import type { WidgetArticleView, WidgetMessageView } from '@/lib/widget/types';
import type { WidgetApi } from './api';

/**
 * Until an agent has answered, up to three help-centre articles that share words with the
 * visitor's first message: many questions are answered before anyone is free. Looked up
 * once per first message; nothing is shown when none match or the lookup fails.
 */
export function useArticleSuggestions(api: WidgetApi, messages: WidgetMessageView[], language: string): WidgetArticleView[] {
  const first = messages.find((m) => m.from === 'visitor' && m.text)?.text ?? null;
  const agentJoined = messages.some((m) => m.from === 'agent');
  const [found, setFound] = useState<{ for: string; articles: WidgetArticleView[] } | null>(null);

  useEffect(() => {
    if (!first || agentJoined || found?.for === first) return;
    let live = true;
    api
      .suggestArticles(first, language)
      .then((r) => live && setFound({ for: first, articles: r.articles.slice(0, 3) }))
      .catch(() => live && setFound({ for: first, articles: [] }));
    return () => {
      live = false;
    };
  }, [api, first, agentJoined, found?.for, language]);

  return !agentJoined && found && found.for === first ? found.articles : [];
}
