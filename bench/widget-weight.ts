// The website chat's first open, as a shop's visitor meets it: a shop page with the loader
// (public/widget.js) in Chromium (playwright-core), the launcher clicked, the chat shown and
// the network quiet. Every JavaScript response the page and the widget's iframe loaded on the
// way (the loader, the action-rules script when the shop has rules, the iframe page's chunks,
// and whatever they import on open) is gzipped like Next's server does and summed. A new
// visitor is measured (no stored token), the common first open.
//
//   npx tsx bench/widget-weight.ts
//
// Budgets: first open ≤ 150 KB gzipped of JavaScript, loader ≤ 10 KB gzipped.
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Response } from 'playwright-core';
import { tokenId } from '../demo/seed/demo-ids';
import { useApp } from './lib/app';
import { Report } from './lib/report';

const gz = (buf: Buffer) => zlib.gzipSync(buf, { level: 6 }).length;
const kb = (n: number) => n / 1024;

/** The demo seed's web channel and a site it allows (demo/seed/demo-channels.ts). */
const WIDGET_TOKEN = tokenId('demo-shop:widget-token', 24);
const SHOP_ORIGIN = 'https://demo-shop.example.com';

type Loaded = { url: string; gzip: number; raw: number; frame: 'page' | 'widget' };

export async function runWidgetWeight(): Promise<Report> {
  const report = new Report('widget-weight');
  report.header('gzipped JavaScript of the website chat\'s first open (loader + widget iframe), in Chromium');
  const app = await useApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
  try {
    // The shop page is "public" to Chromium and the app is on localhost: grant Local Network
    // Access, which a real shop and a deployed Baton never need.
    const context = await browser.newContext({ permissions: ['local-network-access'] });
    const page = await context.newPage();
    const loaded: Loaded[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response: Response) => {
      const type = response.request().resourceType();
      const isJs = type === 'script' || /javascript/.test(response.headers()['content-type'] ?? '');
      if (!isJs || response.status() !== 200) return;
      pending.push(
        response
          .body()
          .then((body) => {
            const frame = response.frame().parentFrame() ? 'widget' : 'page';
            loaded.push({ url: response.url().replace(app.url, ''), gzip: gz(body), raw: body.length, frame });
          })
          .catch(() => {}),
      );
    });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
<script src="${app.url}/widget.js" data-baton-token="${WIDGET_TOKEN}" async></script></body></html>`;
    await page.route(`${SHOP_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${SHOP_ORIGIN}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = page.frameLocator('#baton-frame');
    await chat.getByLabel('Message', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
    // What the open pulls in after the composer shows (lazy chunks, the realtime client…).
    await page.waitForLoadState('networkidle');
    for (const frame of page.frames()) await frame.waitForLoadState('networkidle').catch(() => {});
    await Promise.all(pending);

    loaded.sort((a, b) => b.gzip - a.gzip);
    const total = loaded.reduce((s, l) => s + l.gzip, 0);
    const raw = loaded.reduce((s, l) => s + l.raw, 0);
    const loader = loaded.filter((l) => l.frame === 'page').reduce((s, l) => s + l.gzip, 0);
    console.log(`  first open: ${loaded.length} scripts, ${kb(raw).toFixed(0)} KB raw, ${kb(total).toFixed(1)} KB gzip`);
    for (const l of loaded) console.log(`    ${kb(l.gzip).toFixed(1).padStart(6)} KB gz  ${kb(l.raw).toFixed(0).padStart(5)} KB  ${l.frame.padEnd(6)}  ${l.url}`);
    report.add({ name: 'website chat first open JS (gzip)', value: kb(total), unit: 'KB', budget: { op: '<=', value: 150 }, note: `${loaded.length} scripts, ${kb(raw).toFixed(0)} KB raw` });
    report.add({ name: 'website chat loader on the shop page (gzip)', value: kb(loader), unit: 'KB', budget: { op: '<=', value: 10 }, note: 'widget.js (+ widget-rules.js when the shop has rules)' });
    report.details = { scripts: loaded };
  } finally {
    await browser.close();
    await app.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWidgetWeight()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
