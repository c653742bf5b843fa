import type { IncomingMessage, ServerResponse } from 'node:http';
import { readNodeBodyCapped } from '@/lib/http/read-body';

/** Small request/response helpers for the HTTP API, kept apart from its routing. */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The whole body as raw bytes (the signature's body_md5 is over those bytes), through the
 * app's one capped reader: it stops reading past `limit`.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const body = await readNodeBodyCapped(req, limit);
  if (!body.ok) throw new HttpError(413, `Request body is larger than ${limit} bytes`);
  return body.bytes;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Error body in soketi's shape: `{"error":"…","code":401}`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message, code: status });
}
