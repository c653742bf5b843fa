import { BookOpen, ExternalLink } from 'lucide-react';
import type { WidgetArticleView } from '@/lib/widget/types';
import { safeUrl } from './safe-text';
import { useWidgetText } from './strings';

// Its own module: the suggestions under a first message show it without pulling in the
// message bubbles, which a first open loads lazily.

/** A help-centre article: its title and summary, opened in a new tab (the shop's page stays). */
export function ArticleCard({ article }: { article: WidgetArticleView }) {
  const t = useWidgetText();
  const link = safeUrl(article.url);
  return (
    <div className="w-60 max-w-full rounded-xl border border-slate-200 bg-white p-3 text-slate-900" data-testid="article-card">
      <p className="flex items-center gap-1 text-xs font-medium uppercase tracking-wide text-slate-500">
        <BookOpen className="size-3.5 shrink-0" aria-hidden />
        {t.article}
      </p>
      <p className="mt-1 font-medium">{article.title}</p>
      {article.excerpt && <p className="mt-1 text-sm text-slate-600">{article.excerpt}</p>}
      {link && (
        <a href={link} target="_blank" rel="noopener noreferrer" className="mt-2 flex items-center justify-center gap-1 rounded-md border border-slate-300 px-2 py-1.5 text-center text-sm">
          {t.readArticle}
          <ExternalLink className="size-3.5 shrink-0" aria-hidden />
        </a>
      )}
    </div>
  );
}
