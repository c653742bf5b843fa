import fs from 'node:fs/promises';
import path from 'node:path';

// rrweb's recorder (@rrweb/record, its UMD build: global `rrwebRecord`), served from Baton's
// origin for visit recording and co-browsing, which the loader fetches only where the shop
// uses them; followed by public/widget-record-shared.js, the page's one recorder that both
// listen to. Read from the installed package, so an upgrade needs no copy step.

let cached: Promise<string> | null = null;

function bundle(): Promise<string> {
  const root = process.cwd();
  cached ??= Promise.all([
    fs.readFile(path.join(root, 'node_modules', '@rrweb', 'record', 'dist', 'record.umd.min.cjs'), 'utf8'),
    fs.readFile(path.join(root, 'public', 'widget-record-shared.js'), 'utf8'),
  ])
    // The source map comment points at a file we do not serve: dropped, no 404 in the console.
    // The `;` ends rrweb's last statement, which has none, before our file's opening parenthesis.
    .then(([rrweb, shared]) => `${rrweb.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')};\n${shared}`)
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached;
}

export async function GET(): Promise<Response> {
  const text = await bundle();
  return new Response(text, {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'cross-origin-resource-policy': 'cross-origin',
    },
  });
}
