import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { articleLocaleConfigs, type ArticleLocale, type ArticleStatus } from '@/db/schema/articles';
import { scriptGramQuery, SUBSTRING_SCRIPT } from './grams';

// The one search over articles, used by the composer's picker, the help centre, the
// widget's suggestions and the settings list. Full text with PostgreSQL's configuration for
// the article's language (so German "Rückgabe" finds "Rückgaben", English "return" finds
// "returns"); Thai and Japanese, which the 'simple' configuration cannot split into words,
// are also matched by substring through two-character pieces (lib/articles/grams.ts).

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

/**
 * The query for one language; for every language, each configuration's query OR-ed into one
 * tsquery (so the GIN index serves it), duplicates removed first: the same word stemmed
 * alike by five languages would otherwise count five times in the planner's estimate and
 * turn an index scan into a scan of the whole table.
 */
async function queryFor(db: DbOrTx, q: string, locale: ArticleLocale | undefined, match: 'all' | 'any'): Promise<SQL | null> {
  if (locale) return tsQuery(articleLocaleConfigs[locale], q, match);
  // A query in Thai or Japanese script has nothing for the stemmers of other languages.
  const configs = SUBSTRING_SCRIPT.test(q) ? ['simple'] : [...new Set(Object.values(articleLocaleConfigs))];
  const parts = sql.join(
    configs.map((c) => sql`(${tsQuery(c, q, match)})::text`),
    sql`, `,
  );
  const { rows } = await db.execute<{ q: string | null }>(
    sql`select string_agg(distinct '(' || part || ')', ' | ') as q from unnest(array[${parts}]) as part where part <> ''`,
  );
  const text = rows[0]?.q;
  return text ? sql`${text}::tsquery` : null;
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

  // The query inline (not from a CTE), so the planner sees a constant and can use the GIN index.
  const words = await queryFor(db, q, input.locale, input.match ?? 'all');
  const query = words ? sql`(${words})` : sql`''::tsquery`;
  const matches: SQL[] = words ? [sql`a.search @@ ${query}`] : [];
  // Thai or Japanese words inside a sentence: found through the article's two-character
  // pieces, in order (the GIN index, positions rechecked). Thai vowel and tone marks are
  // ignored on both sides, a looseness a visitor's spelling welcomes. Latin words in such
  // articles are separated by spaces: full text finds them.
  const grams = scriptGramQuery(q);
  const gramQuery = grams ? sql`to_tsquery('simple', ${grams})` : null;
  if (gramQuery) matches.push(sql`a.search @@ ${gramQuery}`);
  const rankQuery = words && gramQuery ? sql`(${query} || ${gramQuery})` : (gramQuery ?? query);
  if (matches.length === 0) return [];
  const rows = await db.execute(sql`
    select ${columns}
    from articles a
    where ${sql.join(filters, sql` and `)} and (${sql.join(matches, sql` or `)})
    order by (a.title ilike ${likePattern(q)}) desc, ts_rank(a.search, ${rankQuery}) desc, a.updated_at desc
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
