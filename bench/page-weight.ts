// Page weight from the production build: the JavaScript a browser downloads to open the inbox
// (/w/[slug]/inbox: the root main files plus the client entry chunks of app/layout,
// app/w/[slug]/layout and the inbox page, from the build manifests; legacy polyfills, which
// modern browsers skip, are not counted), gzipped, and the website widget's loader
// public/widget.js, gzipped. When an app is running (BENCH_APP), the inbox HTML is fetched
// signed in, and the scripts it actually references are weighed too, as a cross-check.
//
//   npx tsx bench/page-weight.ts
//
// Budgets: inbox ≤ 250 KB gzipped, widget loader ≤ 10 KB gzipped.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { ensureBuild } from './lib/app';
import { DIST_DIR, ROOT } from './lib/env';
import { Report } from './lib/report';
import { signIn } from './lib/session';

const gz = (buf: Buffer) => zlib.gzipSync(buf, { level: 6 }).length; // the compression Next's server applies
const br = (buf: Buffer) => zlib.brotliCompressSync(buf).length;
const kb = (n: number) => n / 1024;

function readManifest(route: string): { entry: Record<string, string[]> } {
  const file = path.join(ROOT, DIST_DIR, 'server', 'app', ...route.split('/'), 'page_client-reference-manifest.js');
  const text = fs.readFileSync(file, 'utf8');
  const json = text.slice(text.indexOf('= {') + 2).replace(/;\s*$/, '');
  return { entry: (JSON.parse(json) as { entryJSFiles: Record<string, string[]> }).entryJSFiles };
}

export function inboxScripts(): string[] {
  const build = JSON.parse(fs.readFileSync(path.join(ROOT, DIST_DIR, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const { entry } = readManifest('w/[slug]/inbox');
  const files = new Set<string>(build.rootMainFiles);
  for (const [segment, list] of Object.entries(entry)) {
    if (segment.includes('global-error')) continue; // loaded only when the page crashes
    for (const f of list) files.add(f);
  }
  return [...files];
}

export async function runPageWeight(): Promise<Report> {
  const report = new Report('page-weight');
  report.header('gzipped JavaScript of the inbox page and of the widget loader');
  ensureBuild();

  const scripts = inboxScripts();
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  const rows: Array<{ file: string; raw: number; gzip: number }> = [];
  for (const f of scripts) {
    const buf = fs.readFileSync(path.join(ROOT, DIST_DIR, f));
    const g = gz(buf);
    raw += buf.length;
    gzip += g;
    brotli += br(buf);
    rows.push({ file: f, raw: buf.length, gzip: g });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log(`  inbox page: ${scripts.length} scripts, ${kb(raw).toFixed(0)} KB raw, ${kb(gzip).toFixed(1)} KB gzip, ${kb(brotli).toFixed(1)} KB brotli`);
  for (const r of rows.slice(0, 8)) console.log(`    ${kb(r.gzip).toFixed(1).padStart(6)} KB gz  ${kb(r.raw).toFixed(0).padStart(5)} KB  ${r.file}`);
  report.add({ name: 'inbox page JS (gzip)', value: kb(gzip), unit: 'KB', budget: { op: '<=', value: 250 }, note: `${scripts.length} scripts, ${kb(raw).toFixed(0)} KB raw, ${kb(brotli).toFixed(0)} KB brotli` });

  const widget = fs.readFileSync(path.join(ROOT, 'public', 'widget.js'));
  report.add({ name: 'widget loader public/widget.js (gzip)', value: kb(gz(widget)), unit: 'KB', budget: { op: '<=', value: 10 }, note: `${kb(widget.length).toFixed(1)} KB raw` });
  // Fetched only by shops with enabled action rules; with the loader still under the loader's budget.
  const rules = fs.readFileSync(path.join(ROOT, 'public', 'widget-rules.js'));
  report.add({ name: 'widget loader + action rules script (gzip)', value: kb(gz(widget) + gz(rules)), unit: 'KB', budget: { op: '<=', value: 10 }, note: `rules script ${kb(gz(rules)).toFixed(1)} KB gz` });
  // Fetched only by shops that record visits; rrweb's recorder (≈ 23 KB gz) comes after it, lazily, and is not the loader.
  const recorder = fs.readFileSync(path.join(ROOT, 'public', 'widget-record.js'));
  report.add({ name: 'widget loader + visit recording script (gzip)', value: kb(gz(widget) + gz(recorder)), unit: 'KB', budget: { op: '<=', value: 10 }, note: `recording script ${kb(gz(recorder)).toFixed(1)} KB gz` });

  // Fetched only once a visitor accepts co-browsing; rrweb's recorder comes after it, lazily.
  const cobrowse = fs.readFileSync(path.join(ROOT, 'public', 'widget-cobrowse.js'));
  report.add({ name: 'widget loader + co-browsing script (gzip)', value: kb(gz(widget) + gz(cobrowse)), unit: 'KB', budget: { op: '<=', value: 10 }, note: `co-browsing script ${kb(gz(cobrowse)).toFixed(1)} KB gz` });

  // Cross-check against what the page really references, when an app is up.
  if (process.env.BENCH_APP) {
    try {
      const app = JSON.parse(process.env.BENCH_APP) as { url: string };
      const session = await signIn(app.url, 'ben@demo.baton.chat');
      const res = await fetch(`${app.url}/w/demo-shop/inbox`, { headers: { cookie: session.cookie } });
      const html = await res.text();
      const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/nomodule/.test(s)))];
      let total = 0;
      for (const src of srcs) {
        const file = path.join(ROOT, DIST_DIR, src.replace(/^\/_next\//, '').split('?')[0]);
        if (fs.existsSync(file)) total += gz(fs.readFileSync(file));
      }
      console.log(`  cross-check: the signed-in inbox HTML references ${srcs.length} scripts, ${kb(total).toFixed(1)} KB gzip`);
      report.add({ name: 'inbox page JS referenced by its HTML (gzip)', value: kb(total), unit: 'KB', budget: { op: '<=', value: 250 }, note: `${srcs.length} <script src> in the served page` });
    } catch (error) {
      console.log(`  (cross-check skipped: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  report.details = { scripts: rows };
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runPageWeight()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
