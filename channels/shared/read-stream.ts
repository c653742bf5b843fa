// One way to read a byte stream with a cap, for request bodies (lib/http/read-body.ts) and
// downloads alike: reading stops as soon as more than `maxBytes` arrived, and the rest is
// never pulled.

export type CappedBytes = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' };

export async function readStreamCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<CappedBytes> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: cancelling can wait on a slow sender (or the other branch of a teed
      // stream), and the answer must not.
      void reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
