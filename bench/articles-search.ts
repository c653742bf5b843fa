// Server time of the knowledge-base search (lib/articles/search.ts) over 10,000 articles in
// the widget's five languages: the composer's picker (every language), the help centre's
// search box (one language), and the widget's suggestion from a visitor's first sentence
// (any word), p50/p95 over --runs after warm-up; then EXPLAIN (ANALYZE, BUFFERS) of one
// query of each kind (bench/.results/articles-search-plans.txt).
//
//   npx tsx bench/articles-search.ts [--runs=50] [--articles=10000]
//
// Budget: p95 ≤ 50 ms for each. Seeds its own workspace in the bench database (migrated
// here first) and deletes it at the end.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../db/schema';
import { runMigrations } from '../db/migrate';
import { scriptGrams } from '../lib/articles/grams';
import { searchArticles, type ArticleSearch } from '../lib/articles/search';
import { numberOption, RESULTS_DIR } from './lib/env';
import { resolveDatabaseUrl } from './lib/db';
import { ms, Report, summarize } from './lib/report';

type Locale = 'en' | 'de' | 'th' | 'ja' | 'id';

// Words per language; Thai and Japanese are written without spaces, as real text is.
const WORDS: Record<Locale, { words: string[]; joiner: string }> = {
  en: { words: 'return returns refund shipping delivery order payment size exchange account password voucher discount tracking parcel warranty invoice colour fabric care store pickup gift card'.split(' '), joiner: ' ' },
  de: { words: 'Rückgabe Rückgaben Erstattung Versand Lieferung Bestellung Zahlung Größe Umtausch Konto Passwort Gutschein Rabatt Sendungsverfolgung Paket Garantie Rechnung Farbe Stoff Pflege Filiale Abholung Geschenkkarte'.split(' '), joiner: ' ' },
  id: { words: 'pengembalian dana pengiriman pesanan pembayaran ukuran penukaran akun kata sandi voucher diskon pelacakan paket garansi faktur warna kain perawatan toko pengambilan hadiah kartu'.split(' '), joiner: ' ' },
  th: { words: 'คืนสินค้า คืนเงิน จัดส่ง คำสั่งซื้อ ชำระเงิน ขนาด เปลี่ยนสินค้า บัญชี รหัสผ่าน คูปอง ส่วนลด ติดตามพัสดุ พัสดุ รับประกัน ใบแจ้งหนี้ สี ผ้า การดูแล ร้าน รับสินค้า บัตรของขวัญ'.split(' '), joiner: '' },
  ja: { words: '返品 返金 配送 注文 支払い サイズ 交換 アカウント パスワード クーポン 割引 追跡 荷物 保証 請求書 色 生地 お手入れ 店舗 受け取り ギフトカード'.split(' '), joiner: '' },
};
const LOCALES = Object.keys(WORDS) as Locale[];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// Real articles share a few topical words and otherwise use a wide vocabulary: each
// language gets 3,000 made-up filler words, drawn with a skew (some much more common than
// others), and a topical word is 1 word in 25. A search word then matches a few per cent of
// the articles, as in a real knowledge base, not all of them.
const SYLLABLES: Record<Locale, string[]> = {
  en: 'ba ce di fo gu ka le mi no pu ra se ti vo wu xa ye zo bri cla dro fle gri'.split(' '),
  de: 'ba che de fü ga hei ka lo mä ne pfe ro schu te ver wa zei ber ung lich keit'.split(' '),
  id: 'ba ka la ma na pa ra sa ta wa be ke le me ne pe re se te an kan ngan nya'.split(' '),
  th: 'กา ขี คุ งอ จะ ฉา ชิ ซู ดา ตี ถู ทอ นา บี ปู ผา พี ฟู มา ยี รู ลา วี สุ หา'.split(' '),
  ja: 'か き く け こ さ し す せ そ た ち つ て と な に ぬ ね の は ひ ふ へ ほ'.split(' '),
};
const FILLER: Record<Locale, string[]> = Object.fromEntries(
  LOCALES.map((l) => {
    const r = rng(l.charCodeAt(0) * 31 + l.charCodeAt(1));
    const syl = SYLLABLES[l];
    return [l, Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => syl[Math.floor(r() * syl.length)]).join(''))];
  }),
) as Record<Locale, string[]>;

function sentence(locale: Locale, n: number, rand: () => number): string {
  const { words, joiner } = WORDS[locale];
  const filler = FILLER[locale];
  return Array.from({ length: n }, () => (rand() < 0.04 ? words[Math.floor(rand() * words.length)] : filler[Math.floor(filler.length * rand() ** 2)])).join(joiner);
}

async function seed(pool: pg.Pool, workspaceId: string, count: number) {
  const rand = rng(42);
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const locale = LOCALES[i % LOCALES.length];
      const title = `${sentence(locale, 4, rand)} ${i}`;
      // ~120 words of body in five paragraphs: a typical help article.
      const body = Array.from({ length: 5 }, () => sentence(locale, 24, rand)).join('\n\n');
      const p = values.length;
      rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, 'published', now())`);
      // As lib/articles/admin.ts saves it.
      values.push(workspaceId, locale, title, `a-${i}`, body, body.slice(0, 180), scriptGrams(`${title} ${body}`));
    }
    await pool.query(`insert into articles (workspace_id, locale, title, slug, body_md, excerpt, search_grams, status, published_at) values ${rows.join(', ')}`, values);
  }
  await pool.query('analyze articles');
}

const CASES: Array<{ name: string; search: Omit<ArticleSearch, 'limit'> & { limit?: number } }> = [
  { name: 'composer, every language: "return"', search: { q: 'return' } },
  { name: 'composer, every language: "Rückgabe"', search: { q: 'Rückgabe' } },
  { name: 'composer, every language: "คืนสินค้า" (substring)', search: { q: 'คืนสินค้า' } },
  { name: 'composer, every language: "返品" (substring, 2 chars)', search: { q: '返品' } },
  { name: 'composer, no match: "zebra"', search: { q: 'zebra' } },
  { name: 'help centre, en: "refund tracking"', search: { q: 'refund tracking', locale: 'en', limit: 20 } },
  { name: 'help centre, de: "Versand"', search: { q: 'Versand', locale: 'de', limit: 20 } },
  { name: 'help centre, th: "ติดตามพัสดุ"', search: { q: 'ติดตามพัสดุ', locale: 'th', limit: 20 } },
  { name: 'help centre, ja: "ギフトカード"', search: { q: 'ギフトカード', locale: 'ja', limit: 20 } },
  { name: 'widget suggestion, en: a sentence, any word', search: { q: 'Hi, how can I get a refund for my parcel?', locale: 'en', match: 'any', limit: 3 } },
  { name: 'widget suggestion, de: a sentence, any word', search: { q: 'Wie bekomme ich eine Erstattung für mein Paket?', locale: 'de', match: 'any', limit: 3 } },
];

export async function runArticlesSearch(): Promise<Report> {
  const report = new Report('articles-search');
  const runs = numberOption('runs', 50);
  const count = numberOption('articles', 10_000);
  report.header(`knowledge-base search over ${count.toLocaleString('en')} articles (en/de/id/th/ja), p50/p95 of ${runs} runs`);
  const url = await resolveDatabaseUrl();
  await runMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = drizzle(pool, { schema });
  const slug = `articles-bench-${randomUUID().slice(0, 8)}`;
  const { rows } = await pool.query<{ id: string }>(`insert into workspaces (name, slug) values ('Articles bench', $1) returning id`, [slug]);
  const workspaceId = rows[0].id;
  try {
    const t0 = performance.now();
    await seed(pool, workspaceId, count);
    report.details.seedSeconds = (performance.now() - t0) / 1000;
    const plans: string[] = [];
    for (const c of CASES) {
      const search = { ...c.search, limit: c.search.limit ?? 8 };
      for (let i = 0; i < 3; i++) await searchArticles(db as never, workspaceId, search);
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        hits = (await searchArticles(db as never, workspaceId, search)).length;
        times.push(performance.now() - start);
      }
      const s = summarize(times);
      report.add({ name: `${c.name} p95`, value: s.p95, unit: 'ms', budget: { op: '<=', value: 50 }, note: `p50 ${ms(s.p50)} ms, ${hits} hits` });
      plans.push(`-- ${c.name}\n${await explain(pool, db, workspaceId, search)}`);
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, 'articles-search-plans.txt'), plans.join('\n\n'));
  } finally {
    await pool.query('delete from workspaces where id = $1', [workspaceId]);
    await pool.end();
  }
  report.finish();
  return report;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SQL one search sends, captured through drizzle's logger. */
async function explain(pool: pg.Pool, _db: unknown, workspaceId: string, search: ArticleSearch): Promise<string> {
  let captured: { sql: string; params: unknown[] } | null = null;
  const spy = drizzle(pool, { schema, logger: { logQuery: (sql, params) => (captured = { sql, params }) } });
  await searchArticles(spy as never, workspaceId, search);
  if (!captured) return '(no query)';
  const { sql, params } = captured as { sql: string; params: unknown[] };
  const plan = await pool.query(`explain (analyze, buffers) ${sql}`, params);
  return plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runArticlesSearch()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
