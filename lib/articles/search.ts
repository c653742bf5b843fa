import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { articleLocaleConfigs, substringLocales, type ArticleLocale, type ArticleStatus } from '@/db/schema/articles';

// The one search over articles, used by the composer's picker, the help centre, the
// widget's suggestions and the settings list. Full text with PostgreSQL's configuration for
// the article's language (so German "Rückgabe" finds "Rückgaben", English "return" finds
// "returns"); Thai and Japanese, which the 'simple' configuration cannot split into words,
// are also matched by substring over a trigram index.

export type ArticleHit = {
  id: string;
  title: string;
  excerpt: string;
  slug: string;
  locale: string;
  status: ArticleStatus;
  categoryId: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  views: number;
};

export type ArticleSearch = {
  q: string;
  /** Only this language; otherwise every language, each with its own stemming. */
  locale?: ArticleLocale;
  /** Only these statuses (default: published). */
  statuses?: ArticleStatus[];
  categoryId?: string;
  /** 'all': every word must match (a search box); 'any': any word (the widget's suggestions from a sentence). */
  match?: 'all' | 'any';
  limit?: number;
};

const MAX_QUERY = 200;

/** Escapes LIKE's wildcards so the visitor's text matches literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function tsQuery(config: string, q: string, match: 'all' | 'any'): SQL {
  const cfg = sql.raw(`'${config}'::regconfig`);
  // 'any': the stemmed words of the sentence (stop words dropped), joined by OR.
  return match === 'all' ? sql`websearch_to_tsquery(${cfg}, ${q})` : sql`replace(plainto_tsquery(${cfg}, ${q})::text, ' & ', ' | ')::tsquery`;
}

/** The query for one language, or all languages' queries OR-ed (one tsquery, so the GIN index serves it). */
function queryFor(q: string, locale: ArticleLocale | undefined, match: 'all' | 'any'): SQL {
  const configs = locale ? [articleLocaleConfigs[locale]] : [...new Set(Object.values(articleLocaleConfigs))];
  return sql.join(
    configs.map((c) => tsQuery(c, q, match)),
    sql` || `,
  );
}

export async function searchArticles(db: DbOrTx, workspaceId: string, input: ArticleSearch): Promise<ArticleHit[]> {
  const q = input.q.trim().slice(0, MAX_QUERY);
  const statuses = input.statuses ?? ['published'];
  const limit = Math.min(Math.max(input.limit ?? 8, 1), 100);
  const filters: SQL[] = [sql`a.workspace_id = ${workspaceId}`, sql`a.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`];
  if (input.locale) filters.push(sql`a.locale = ${input.locale}`);
  if (input.categoryId) filters.push(sql`a.category_id = ${input.categoryId}`);
  const columns = sql`a.id, a.title, a.excerpt, a.slug, a.locale, a.status, a.category_id as "categoryId", a.updated_at as "updatedAt", a.published_at as "publishedAt", a.views`;

  if (!q) {
    const rows = await db.execute(sql`select ${columns} from articles a where ${sql.join(filters, sql` and `)} order by a.updated_at desc limit ${limit}`);
    return rows.rows.map(hit);
  }

  const substring = !input.locale || substringLocales.includes(input.locale);
  const query = queryFor(q, input.locale, input.match ?? 'all');
  const words = sql`(a.search @@ query.q)`;
  // Same expression as the partial trigram index (db/schema/articles.ts), so the index serves it.
  const substringMatch = substring
    ? sql` or (a.locale in ('th', 'ja') and (a.title || ' ' || a.body_md) ilike ${likePattern(q)})`
    : sql``;
  const rows = await db.execute(sql`
    with query as (select (${query}) as q)
    select ${columns}
    from articles a, query
    where ${sql.join(filters, sql` and `)} and (${words}${substringMatch})
    order by (a.title ilike ${likePattern(q)}) desc, ts_rank(a.search, query.q) desc, a.updated_at desc
    limit ${limit}`);
  return rows.rows.map(hit);
}

function hit(row: Record<string, unknown>): ArticleHit {
  return {
    id: String(row.id),
    title: String(row.title),
    excerpt: String(row.excerpt ?? ''),
    slug: String(row.slug),
    locale: String(row.locale),
    status: row.status as ArticleStatus,
    categoryId: (row.categoryId as string | null) ?? null,
    updatedAt: new Date(row.updatedAt as string),
    publishedAt: row.publishedAt ? new Date(row.publishedAt as string) : null,
    views: Number(row.views ?? 0),
  };
}
