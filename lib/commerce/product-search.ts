import { ilike, or, sql } from 'drizzle-orm';
import { products } from '@/db/schema';

/**
 * The condition for "an agent searches the catalogue": name or SKU contains the text, or a
 * hashtag equals it. Hashtags are stored with or without the leading # (admin forms, CSV
 * imports, the seed), so both forms match. Undefined for an empty search (no filter).
 */
export function productSearchCondition(q: string) {
  if (!q) return undefined;
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const bare = q.replace(/^#/, '').toLowerCase();
  return or(
    ilike(products.name, pattern),
    ilike(products.sku, pattern),
    sql`exists (select 1 from unnest(${products.hashtags}) as h(tag) where lower(ltrim(h.tag, '#')) = ${bare})`,
  );
}
