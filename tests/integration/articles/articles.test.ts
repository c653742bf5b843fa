import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { articles, auditLog, workspaces } from '@/db/schema';
import { getDb } from '@/lib/db';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { deleteArticle, listArticles, saveArticle, saveArticleInput, setArticleStatus } from '@/lib/articles/admin';
import { deleteCategory, listCategories, saveCategory } from '@/lib/articles/categories';
import { helpCentreSections, loadHelpCentre, readPublishedArticle, searchHelpCentre } from '@/lib/articles/help-centre';
import { searchArticles } from '@/lib/articles/search';
import { helpCentreLink, suggestArticles } from '@/lib/articles/suggest';
import { UserError } from '@/lib/errors';
import { sessionOf } from '../support/fixtures';
import { articleShop, writeArticle } from './helpers';

const titles = (hits: { title: string }[]) => hits.map((h) => h.title);

describe('article sanitisation', () => {
  it('the help centre page drops <script>, raw HTML and javascript:/data: links from the Markdown', async () => {
    const shop = await articleShop();
    const saved = await writeArticle(shop.adminCtx, {
      title: 'Tricky article',
      bodyMd: [
        'Welcome **friend**.',
        '<script>document.cookie</script>',
        '<div style="position:fixed" onmouseover="steal()">overlay</div>',
        '[click](javascript:alert(1)) and [data](data:text/html,<b>x</b>) and [vb](VBScript:msgbox) and [ok](https://shop.example/ok)',
        'Inline <img src=x onerror=alert(1)> html <a href="https://evil.example">raw link</a>',
      ].join('\n\n'),
    });
    const centre = await loadHelpCentre(getDb(), await slugOf(shop.workspaceId));
    expect(centre).toMatchObject({ workspaceId: shop.workspaceId, locales: ['en'] });
    const page = await readPublishedArticle(getDb(), shop.workspaceId, saved.slug, 'en');
    expect(page).not.toBeNull();
    const html = page!.html;
    expect(html).toContain('<strong>friend</strong>');
    expect(html).not.toMatch(/<script|document\.cookie|<div|onmouseover|position:fixed|onerror|<img/i);
    expect(html).not.toMatch(/javascript:|data:text|vbscript:/i);
    expect(html).not.toContain('https://evil.example');
    expect(html).toContain('<a href="https://shop.example/ok" target="_blank" rel="noopener nofollow ugc">ok</a>');
    // The excerpt (cards, search results) is plain text of the same body.
    const [row] = await getDb().select().from(articles).where(eq(articles.id, saved.id));
    expect(row.excerpt).toMatch(/^Welcome friend\./);
    expect(row.excerpt).not.toMatch(/[<>]/);
  });
});

async function slugOf(workspaceId: string) {
  const [ws] = await getDb().select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws.slug;
}

describe('article search per language', () => {
  it('stems German, English and Indonesian words in their own language, and finds Thai and Japanese by substring', async () => {
    const shop = await articleShop();
    const ctx = shop.adminCtx;
    await writeArticle(ctx, { title: 'Rückgaben und Umtausch', bodyMd: 'So funktionieren Rückgaben: Sie haben 30 Tage Zeit.', locale: 'de' });
    await writeArticle(ctx, { title: 'Returns and exchanges', bodyMd: 'All returns are free within 30 days of delivery.', locale: 'en' });
    await writeArticle(ctx, { title: 'Shipping times', bodyMd: 'We ship every weekday.', locale: 'en' });
    await writeArticle(ctx, { title: 'Pengembalian barang', bodyMd: 'Pengembalian gratis dalam 30 hari.', locale: 'id' });
    await writeArticle(ctx, { title: 'การคืนสินค้า', bodyMd: 'คุณสามารถคืนสินค้าได้ภายใน30วัน', locale: 'th' });
    await writeArticle(ctx, { title: '返品について', bodyMd: '商品到着後30日以内であれば返品できます。', locale: 'ja' });

    const db = getDb();
    const ws = shop.workspaceId;
    // German stemming: the singular finds the plural, also across all languages (the composer).
    expect(titles(await searchArticles(db, ws, { q: 'Rückgabe', locale: 'de' }))).toEqual(['Rückgaben und Umtausch']);
    expect(titles(await searchArticles(db, ws, { q: 'Rückgabe' }))).toEqual(['Rückgaben und Umtausch']);
    // English stemming: "return" finds "returns", "exchange" finds "exchanges".
    expect(titles(await searchArticles(db, ws, { q: 'return', locale: 'en' }))).toEqual(['Returns and exchanges']);
    expect(titles(await searchArticles(db, ws, { q: 'exchange', locale: 'en' }))).toEqual(['Returns and exchanges']);
    expect(titles(await searchArticles(db, ws, { q: 'shipped' }))).toEqual(['Shipping times']);
    // Indonesian.
    expect(titles(await searchArticles(db, ws, { q: 'pengembalian', locale: 'id' }))).toEqual(['Pengembalian barang']);
    // Thai and Japanese have no spaces between words: a word inside a sentence is found by substring.
    expect(titles(await searchArticles(db, ws, { q: 'คืนสินค้า', locale: 'th' }))).toEqual(['การคืนสินค้า']);
    expect(titles(await searchArticles(db, ws, { q: '返品' }))).toEqual(['返品について']);
    expect(titles(await searchArticles(db, ws, { q: '30日以内' }))).toEqual(['返品について']);
    // The language filter keeps other languages out.
    expect(await searchArticles(db, ws, { q: 'Rückgabe', locale: 'en' })).toEqual([]);
    // Wildcards typed by a visitor are literal.
    expect(await searchArticles(db, ws, { q: '%' })).toEqual([]);
  });

  it('the widget’s suggestions match any word of a sentence, in the widget’s language first', async () => {
    const shop = await articleShop();
    await writeArticle(shop.adminCtx, { title: 'Returns and exchanges', bodyMd: 'All returns are free within 30 days.', locale: 'en' });
    await writeArticle(shop.adminCtx, { title: 'Rückgaben', bodyMd: 'Rückgaben sind kostenlos.', locale: 'de' });
    await writeArticle(shop.adminCtx, { title: 'Opening hours', bodyMd: 'Daily from nine.', locale: 'en' });
    await writeArticle(shop.adminCtx, { title: 'Draft about returns', bodyMd: 'returns', publish: false });
    const found = await suggestArticles(getDb(), shop.workspaceId, 'Hi there, how can I return my shoes?', 'en', 'https://baton.example');
    // A visitor whose widget speaks Japanese gets the shop's main language.
    expect(titles(await suggestArticles(getDb(), shop.workspaceId, 'how can I return these?', 'ja', 'https://b'))).toEqual(['Returns and exchanges']);
    expect(await helpCentreLink(getDb(), shop.workspaceId)).toBe(`/help/${await slugOf(shop.workspaceId)}`);
    expect(found).toEqual([{ title: 'Returns and exchanges', excerpt: 'All returns are free within 30 days.', url: expect.stringMatching(/^https:\/\/baton\.example\/help\/[^/]+\/returns-and-exchanges\?lang=en$/) }]);
    expect(titles(await suggestArticles(getDb(), shop.workspaceId, 'Wie geht die Rückgabe?', 'de', 'https://b'))).toEqual(['Rückgaben']);
    expect(await suggestArticles(getDb(), shop.workspaceId, 'hi', 'en', 'https://b')).toEqual([]);
    const empty = await articleShop('Empty');
    expect(await helpCentreLink(getDb(), empty.workspaceId)).toBeNull();
  });
});

describe('drafts, archive and the help centre', () => {
  it('only published articles are found, read and counted; unpublishing hides them again', async () => {
    const shop = await articleShop();
    const draft = await writeArticle(shop.adminCtx, { title: 'Secret sale', bodyMd: 'Coming soon', publish: false });
    const live = await writeArticle(shop.adminCtx, { title: 'Opening hours', bodyMd: 'We are open daily.' });
    const db = getDb();
    expect(titles(await searchHelpCentre(db, shop.workspaceId, 'sale', 'en'))).toEqual([]);
    expect(await readPublishedArticle(db, shop.workspaceId, draft.slug, 'en')).toBeNull();
    expect(titles(await searchHelpCentre(db, shop.workspaceId, 'open', 'en'))).toEqual(['Opening hours']);
    expect((await readPublishedArticle(db, shop.workspaceId, live.slug, 'en'))?.title).toBe('Opening hours');
    await readPublishedArticle(db, shop.workspaceId, live.slug, undefined);
    const [row] = await db.select().from(articles).where(eq(articles.id, live.id));
    expect(row.views).toBe(2);
    expect(row.publishedAt).not.toBeNull();

    await setArticleStatus(db, shop.adminCtx, { id: live.id, status: 'archived' });
    expect(await readPublishedArticle(db, shop.workspaceId, live.slug, 'en')).toBeNull();
    expect(await searchHelpCentre(db, shop.workspaceId, 'open', 'en')).toEqual([]);
    // The settings list still shows every status.
    expect(titles(await listArticles(db, shop.adminCtx, { q: '', status: '', categoryId: '', locale: '' })).sort()).toEqual(['Opening hours', 'Secret sale']);
    expect(titles(await listArticles(db, shop.adminCtx, { q: '', status: 'archived', categoryId: '', locale: '' }))).toEqual(['Opening hours']);
  });

  it('publishing an empty article is refused; slugs stay unique per language', async () => {
    const shop = await articleShop();
    const empty = await writeArticle(shop.adminCtx, { title: 'Empty', bodyMd: '', publish: false });
    await expect(setArticleStatus(getDb(), shop.adminCtx, { id: empty.id, status: 'published' })).rejects.toThrow('Write the article before publishing it.');
    const a = await writeArticle(shop.adminCtx, { title: 'Sizes', bodyMd: 'S M L' });
    const b = await writeArticle(shop.adminCtx, { title: 'Sizes', bodyMd: 'S M L again' });
    const c = await writeArticle(shop.adminCtx, { title: 'Sizes', bodyMd: 'Größen', locale: 'de' });
    expect([a.slug, b.slug, c.slug]).toEqual(['sizes', 'sizes-2', 'sizes']);
  });

  it('groups the front page by category in the shop’s order; deleting a category keeps its articles', async () => {
    const shop = await articleShop();
    const db = getDb();
    const shipping = await saveCategory(db, shop.adminCtx, { name: 'Shipping', position: 2, locale: null });
    const returns = await saveCategory(db, shop.adminCtx, { name: 'Returns', position: 1, locale: null });
    const a = await saveArticle(db, shop.adminCtx, { title: 'Free returns', bodyMd: 'Yes', locale: 'en', slug: '', excerpt: '', categoryId: returns.id });
    const b = await saveArticle(db, shop.adminCtx, { title: 'Delivery times', bodyMd: 'Two days', locale: 'en', slug: '', excerpt: '', categoryId: shipping.id });
    for (const id of [a.id, b.id]) await setArticleStatus(db, shop.adminCtx, { id, status: 'published' });
    expect((await listCategories(db, shop.adminCtx)).map((c) => [c.name, c.articleCount])).toEqual([
      ['Returns', 1],
      ['Shipping', 1],
    ]);
    expect((await helpCentreSections(db, shop.workspaceId, 'en')).map((s) => [s.name, titles(s.articles)])).toEqual([
      ['Returns', ['Free returns']],
      ['Shipping', ['Delivery times']],
    ]);
    await deleteCategory(db, shop.adminCtx, { id: shipping.id });
    expect((await helpCentreSections(db, shop.workspaceId, 'en')).map((s) => s.name)).toEqual(['Returns', 'More articles']);
  });
});

describe('workspace isolation and authorization', () => {
  it('one shop never finds, reads, edits or files into another shop’s articles', async () => {
    const mine = await articleShop('Mine');
    const theirs = await articleShop('Theirs');
    const foreign = await writeArticle(theirs.adminCtx, { title: 'Their returns policy', bodyMd: 'returns' });
    const db = getDb();
    expect(await searchArticles(db, mine.workspaceId, { q: 'returns' })).toEqual([]);
    expect(await readPublishedArticle(db, mine.workspaceId, foreign.slug, 'en')).toBeNull();
    await expect(setArticleStatus(db, mine.adminCtx, { id: foreign.id, status: 'draft' })).rejects.toBeInstanceOf(UserError);
    await expect(deleteArticle(db, mine.adminCtx, { id: foreign.id })).rejects.toThrow('This article no longer exists.');
    await expect(saveArticle(db, mine.adminCtx, { id: foreign.id, title: 'Hijack', bodyMd: '', locale: 'en', slug: '', excerpt: '', categoryId: null })).rejects.toBeInstanceOf(UserError);
    const theirCategory = await saveCategory(db, theirs.adminCtx, { name: 'Theirs', position: 0, locale: null });
    await expect(saveArticle(db, mine.adminCtx, { title: 'Mine', bodyMd: 'x', locale: 'en', slug: '', excerpt: '', categoryId: theirCategory.id })).rejects.toThrow('Choose one of your categories.');
    const [still] = await db.select().from(articles).where(eq(articles.id, foreign.id));
    expect(still).toMatchObject({ title: 'Their returns policy', status: 'published' });
  });

  it('agents may not write articles; admins may, and each change is audited', async () => {
    const shop = await articleShop();
    const definition = { input: saveArticleInput, role: 'admin' as const };
    const input = { workspaceId: shop.workspaceId, title: 'By an agent', bodyMd: 'x', locale: 'en' };
    const refused = await runWorkspaceAction(sessionOf(shop.agent), input, definition, (i, ctx) => saveArticle(getDb(), ctx, i));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const outsider = await articleShop('Outsider');
    expect(await runWorkspaceAction(sessionOf(outsider.admin), input, definition, (i, ctx) => saveArticle(getDb(), ctx, i))).toMatchObject({ ok: false, code: 'forbidden' });
    const done = await runWorkspaceAction(sessionOf(shop.admin), input, definition, (i, ctx) => saveArticle(getDb(), ctx, i));
    expect(done.ok).toBe(true);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shop.workspaceId));
    expect(audit.map((a) => a.action)).toContain('article.created');
  });
});
