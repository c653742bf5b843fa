import type { ArticleLocale } from '@/db/schema/articles';

// Client-safe: the article languages as the editor and the help centre name them. The
// search configuration per language lives with the schema (db/schema/articles.ts).

export type { ArticleLocale } from '@/db/schema/articles';

export const ARTICLE_LOCALE_LABELS: Record<ArticleLocale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  pt: 'Português',
  id: 'Bahasa Indonesia',
  th: 'ไทย',
  ja: '日本語',
};

export const ARTICLE_LOCALE_CODES = Object.keys(ARTICLE_LOCALE_LABELS) as [ArticleLocale, ...ArticleLocale[]];

export function isArticleLocale(value: unknown): value is ArticleLocale {
  return typeof value === 'string' && value in ARTICLE_LOCALE_LABELS;
}

export const ARTICLE_STATUS_LABELS = { draft: 'Draft', published: 'Published', archived: 'Archived' } as const;
