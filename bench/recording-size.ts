// Visit recordings: how many bytes a minute of a visitor on a shop page costs in storage.
// A shop page (header, 24 product cards with pictures, a cart, a checkout form with a card
// field) records with the chat's own settings (inputs masked, private parts blocked); a
// scripted visitor browses it at a person's pace for the chosen time (scrolls, moves the
// pointer, opens products, adds to the cart, types into search and checkout) and leaves.
// The figure is what Baton stored for the visit (gzipped batches), per minute of visit.
//
//   npx tsx bench/recording-size.ts [--seconds=60]
//
// Budget: ≤ 1 MB a minute, so a month of recordings (30 days' retention by default) of a
// shop with a few hundred recorded visits a day stays within a few GB.
import { createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { tokenId } from '../demo/seed/demo-ids';
import { useApp } from './lib/app';
import { withPool } from './lib/db';
import { cliOption } from './lib/env';
import { Report } from './lib/report';

const WIDGET_TOKEN = tokenId('demo-shop:widget-token', 24);
const HMAC = tokenId('demo-shop:widget-hmac', 32);
const SHOP_ORIGIN = 'https://demo-shop.example.com';

async function setRecordings(on: boolean) {
  await withPool((pool) =>
    pool.query(
      `update channels set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{recordings}', to_jsonb($1::boolean))
        where kind = 'web' and workspace_id = (select id from workspaces where slug = 'demo-shop')`,
      [on],
    ),
  );
}

function shopPage(appUrl: string, stamp: string, identify: string): string {
  const swatch = (i: number) =>
    `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120"><rect width="160" height="120" fill="hsl(${(i * 37) % 360} 60% 70%)"/><text x="12" y="64" font-size="16">Item ${i}</text></svg>`)}`;
  const cards = Array.from(
    { length: 24 },
    (_, i) => `<article class="card" data-id="${i}"><img alt="Linen shirt ${i}" src="${swatch(i)}" width="160" height="120"><h3>Linen shirt ${i}</h3>
<p class="price">฿${(590 + i * 40).toLocaleString('en')}</p><p class="desc">Breathable linen, relaxed fit, ${['white', 'sand', 'olive', 'navy'][i % 4]}.</p>
<button type="button" class="add">Add to cart</button></article>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Shop ${stamp}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1f2937} header{display:flex;gap:16px;align-items:center;padding:12px 24px;background:#111827;color:#fff;position:sticky;top:0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px;padding:24px} .card{border:1px solid #e5e7eb;border-radius:12px;padding:12px}
.card.open{outline:2px solid #2563eb} .price{font-weight:600} form{display:grid;gap:8px;max-width:420px;padding:24px} #cart li{font-size:14px}
</style></head><body>
<header><strong>Demo Shop</strong><input id="search" type="search" placeholder="Search" aria-label="Search"><span>Cart: <span id="cart-count">0</span></span></header>
<main><h1>Summer linen</h1><section class="grid">${cards}</section>
<aside><h2>Your cart</h2><ul id="cart"></ul></aside>
<form id="checkout"><h2>Checkout</h2><label>Name <input name="name" autocomplete="name"></label><label>Email <input name="email" type="email"></label>
<label>Card number <input name="card" inputmode="numeric"></label><div data-baton-private>Saved address: 12 Sukhumvit Rd, Bangkok</div></form></main>
<script>
document.querySelectorAll('.card').forEach(function (card) {
  card.addEventListener('click', function () { document.querySelectorAll('.card.open').forEach(function (c) { c.classList.remove('open'); }); card.classList.add('open'); });
  card.querySelector('.add').addEventListener('click', function () {
    var li = document.createElement('li'); li.textContent = card.querySelector('h3').textContent + ' · ' + card.querySelector('.price').textContent;
    document.getElementById('cart').appendChild(li);
    document.getElementById('cart-count').textContent = String(document.getElementById('cart').children.length);
  });
});
</script>
<script>window.Baton = window.Baton || function () { (Baton.q = Baton.q || []).push(arguments) }; Baton('identify', ${identify});</script>
<script src="${appUrl}/widget.js" data-baton-token="${WIDGET_TOKEN}" async></script></body></html>`;
}

/** A person's pace: one thing every few hundred milliseconds, for `seconds`. */
async function browse(page: Page, seconds: number) {
  const end = Date.now() + seconds * 1000;
  const pause = (ms: number) => page.waitForTimeout(ms);
  let step = 0;
  while (Date.now() < end) {
    const card = page.locator('.card').nth(step % 24);
    switch (step % 6) {
      case 0:
        await page.mouse.wheel(0, 400);
        break;
      case 1:
        for (let i = 0; i < 8; i++) await page.mouse.move(100 + i * 60, 200 + ((i * 37) % 300));
        break;
      case 2:
        await card.click();
        break;
      case 3:
        await card.getByRole('button', { name: 'Add to cart' }).click();
        break;
      case 4:
        await page.locator('#search').fill('');
        await page.locator('#search').pressSequentially(`linen ${step}`, { delay: 60 });
        break;
      case 5:
        await page.mouse.wheel(0, -300);
        break;
    }
    if (step % 20 === 19) {
      const form = page.locator('#checkout');
      await form.scrollIntoViewIfNeeded();
      await form.locator('input[name="name"]').fill('');
      await form.locator('input[name="name"]').pressSequentially('Mali Chan', { delay: 50 });
      await form.locator('input[name="card"]').fill('');
      await form.locator('input[name="card"]').pressSequentially('4111111111111111', { delay: 40 });
    }
    step++;
    await pause(400);
  }
  return step;
}

export async function runRecordingSize(): Promise<Report> {
  const seconds = Number(cliOption('seconds') ?? 60);
  const report = new Report('recording-size');
  report.header(`visit recording size: a scripted visitor browses a shop page for ${seconds} s (Chromium, the chat's recorder, inputs masked)`);
  const app = await useApp();
  await setRecordings(true);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
  try {
    const stamp = Date.now().toString(36);
    const visitor = { identifier: `bench-recording-${stamp}`, name: `Bench Recording ${stamp}` };
    const hash = createHmac('sha256', HMAC).update(visitor.identifier).digest('hex');
    const html = shopPage(app.url, stamp, JSON.stringify({ ...visitor, hash }));
    const context = await browser.newContext({ permissions: ['local-network-access'], viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(`${SHOP_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${SHOP_ORIGIN}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = page.frameLocator('#baton-frame');
    const composer = chat.getByLabel('Message', { exact: true });
    await composer.fill('Do you have the linen shirt in XL?');
    await composer.press('Enter');
    await chat.locator('[data-testid="widget-message"][data-from="visitor"]').first().waitFor();
    await chat.getByRole('button', { name: /close/i }).first().click({ timeout: 2_000 }).catch(() => {}); // browse with the chat closed, as most visitors do

    const steps = await browse(page, seconds);
    await page.close(); // the last batch leaves with keepalive

    // Stored once the size stops growing.
    const read = () =>
      withPool(async (pool) => {
        const { rows } = await pool.query<{ size: string; duration_ms: number; event_count: number }>(
          `select r.size, r.duration_ms, r.event_count from session_recordings r
             join contacts c on c.id = r.contact_id where c.name = $1 order by r.started_at desc limit 1`,
          [visitor.name],
        );
        return rows[0] ?? null;
      });
    let last = -1;
    let row = await read();
    for (let tries = 0; tries < 40 && (!row || Number(row.size) !== last); tries++) {
      last = row ? Number(row.size) : -1;
      await new Promise((resolve) => setTimeout(resolve, 500));
      row = await read();
    }
    if (!row) throw new Error('No recording was stored for the visit');
    const size = Number(row.size);
    const minutes = Math.max(row.duration_ms, 1) / 60_000;
    const perMinute = size / minutes;
    console.log(`  ${steps} actions, ${row.event_count} events, ${(size / 1024).toFixed(1)} KB stored over ${(row.duration_ms / 1000).toFixed(1)} s`);
    report.add({ name: 'visit recording stored per minute (gzipped batches)', value: perMinute / 1024, unit: 'KB', budget: { op: '<=', value: 1024 }, note: `${steps} actions, ${row.event_count} events over ${(row.duration_ms / 1000).toFixed(0)} s` });
    report.add({ name: 'visit recording stored in all', value: size / 1024, unit: 'KB', note: 'the first full snapshot included' });
    report.details = { size, durationMs: row.duration_ms, events: row.event_count, steps };
  } finally {
    await browser.close();
    await setRecordings(false).catch(() => {});
    await app.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRecordingSize()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
