import type { IncomingMessage } from 'node:http';
import { readStreamCapped } from '@/channels/shared/read-stream';

// The one way a request body is read, in route handlers and in the small Node servers
// (embedded realtime API, fake platforms): streamed with a byte cap, and reading stops at
// the cap. Nothing ever buffers more than `maxBytes` of what a client sends, whatever its
// Content-Length says (chunked bodies carry none).

export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large'; maxBytes: number };

export type CappedForm =
  | { ok: true; form: FormData }
  | { ok: false; reason: 'too_large'; maxBytes: number }
  | { ok: false; reason: 'invalid' };

const tooLarge = (maxBytes: number): CappedBody => ({ ok: false, reason: 'too_large', maxBytes });

/** "4 MB", "64 KB": for messages that name the limit. */
export function formatLimit(maxBytes: number): string {
  return maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(maxBytes / 1024))} KB`;
}

function declaredTooLarge(contentLength: string | string[] | null | undefined, maxBytes: number): boolean {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : (contentLength ?? NaN));
  return Number.isFinite(declared) && declared > maxBytes;
}

/** A fetch Request's body, or `too_large` as soon as more than `maxBytes` arrive (the rest is never read). */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<CappedBody> {
  if (declaredTooLarge(request.headers.get('content-length'), maxBytes)) {
    void request.body?.cancel().catch(() => undefined);
    return tooLarge(maxBytes);
  }
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const read = await readStreamCapped(request.body, maxBytes);
  return read.ok ? read : tooLarge(maxBytes);
}

/**
 * A multipart (or url-encoded) form, capped like any body: the capped bytes are parsed by
 * the platform's own FormData parser. The Content-Type is kept as sent (the boundary is
 * case-sensitive).
 */
export async function readFormCapped(request: Request, maxBytes: number): Promise<CappedForm> {
  const body = await readBodyCapped(request, maxBytes);
  if (!body.ok) return body;
  const contentType = request.headers.get('content-type') ?? '';
  try {
    // The Buffer itself (no copy): it is a Uint8Array, which the DOM typings spell narrower.
    const form = await new Response(body.bytes as unknown as BodyInit, { headers: { 'content-type': contentType } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/**
 * The same cap for a Node request (the embedded realtime server, the fake platforms). Past
 * the cap the request is paused, not destroyed, so the caller can still answer 413; answer
 * with `Connection: close` so the unread rest is dropped with the socket.
 */
export function readNodeBodyCapped(req: IncomingMessage, maxBytes: number): Promise<CappedBody> {
  if (declaredTooLarge(req.headers['content-length'], maxBytes)) {
    req.pause();
    return Promise.resolve(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        stop();
        req.pause();
        resolve(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ ok: true, bytes: Buffer.concat(chunks, total) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
