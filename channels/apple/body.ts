import { gunzipSync } from 'node:zlib';

// Apple's gateway posts its message bodies gzipped (Content-Encoding: gzip). The JWT is in
// a header, so the body is checked after it; here it is unpacked, capped so a small
// compressed body cannot expand without bound.

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** The JSON bytes of an inbound body, or null when it claims gzip and is not, or is larger than `maxBytes` unpacked. */
export function decodeAppleBody(rawBody: Buffer, headers: Headers, maxBytes: number): Buffer | null {
  const gzipped = /\bgzip\b/i.test(headers.get('content-encoding') ?? '') || rawBody.subarray(0, 2).equals(GZIP_MAGIC);
  if (!gzipped) return rawBody;
  try {
    return gunzipSync(rawBody, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}
