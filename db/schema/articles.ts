import { sql, type SQL } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './users';

// The knowledge base: articles in categories, written in Markdown, published to the help
// centre (/help/{workspace}) and sent in chats as cards.

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

/**
 * The languages an article may be written in, with PostgreSQL's text search configuration
 * for each (stemming, stop words). Thai and Japanese have none (words are not separated by
 * spaces), so they use 'simple', and their text is also indexed in two-character pieces
 * (`search_grams`, lib/articles/grams.ts) so a word inside a sentence can be found.
 */
export const articleLocaleConfigs = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  id: 'indonesian',
  th: 'simple',
  ja: 'simple',
} as const;
export type ArticleLocale = keyof typeof articleLocaleConfigs;
export const articleLocales = Object.keys(articleLocaleConfigs) as [ArticleLocale, ...ArticleLocale[]];

/** The text search configuration for a locale column, as an immutable expression (allowed in a generated column). */
export function articleTsConfigSql(locale: SQL | string): SQL {
  const cases = Object.entries(articleLocaleConfigs).map(([code, cfg]) => `when '${code}' then '${cfg}'::regconfig`);
  return sql`(case ${typeof locale === 'string' ? sql.raw(locale) : locale} ${sql.raw(cases.join(' '))} else 'simple'::regconfig end)`;
}

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const articleCategories = pgTable(
  'article_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    position: integer('position').notNull().default(0),
    /** A category for one language only; null for every language. */
    locale: text('locale'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('article_categories_workspace_slug_key').on(t.workspaceId, t.slug)],
);

export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').references(() => articleCategories.id, { onDelete: 'set null' }),
    locale: text('locale').notNull().default('en'),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    bodyMd: text('body_md').notNull().default(''),
    excerpt: text('excerpt').notNull().default(''),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    views: integer('views').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Thai and Japanese runs of the title and body as two-character pieces (written on save). */
    searchGrams: text('search_grams').notNull().default(''),
    // Title words weigh more than body words; stemmed by the article's own language.
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector(${articleTsConfigSql('locale')}, coalesce(title, '')), 'A') || setweight(to_tsvector(${articleTsConfigSql('locale')}, coalesce(excerpt, '') || ' ' || coalesce(body_md, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(search_grams, '')), 'C')`,
      ),
  },
  (t) => [
    uniqueIndex('articles_workspace_locale_slug_key').on(t.workspaceId, t.locale, t.slug),
    index('articles_workspace_status_idx').on(t.workspaceId, t.status, t.updatedAt.desc()),
    index('articles_search_idx').using('gin', t.search),
    check('articles_status_valid', sql`${t.status} in ('draft', 'published', 'archived')`),
  ],
);

export type Article = typeof articles.$inferSelect;
export type ArticleCategory = typeof articleCategories.$inferSelect;
