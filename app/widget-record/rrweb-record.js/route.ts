import fs from 'node:fs/promises';
import path from 'node:path';

// rrweb's recorder (@rrweb/record, its UMD build: global `rrwebRecord`), served from Baton's
// origin for public/widget-record.js, which loads it only on shops that record visits. Read
// from the installed package, so an upgrade needs no copy step; versioned by the package.

let cached: Promise<Buffer> | null = null;

function bundle(): Promise<Buffer> {
  cached ??= fs.readFile(path.join(process.cwd(), 'node_modules', '@rrweb', 'record', 'dist', 'record.umd.min.cjs')).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export async function GET(): Promise<Response> {
  const body = await bundle();
  // The source map comment points at a file we do not serve: drop it, no 404 in the console.
  const text = body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return new Response(text, {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'cross-origin-resource-policy': 'cross-origin',
    },
  });
}
