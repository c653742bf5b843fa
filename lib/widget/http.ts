import type { Db } from '@/db/client';
import { getDb } from '@/lib/db';
import { requireWidgetChannel, type WidgetChannel } from './context';
import { WidgetError } from './errors';
import { formatLimit, readBodyCapped, readFormCapped } from '@/lib/http/read-body';

// Plumbing shared by the route handlers under app/api/widget: find the channel, turn
// WidgetErrors into JSON answers, never leak anything else.

const noStore = { 'cache-control': 'no-store' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

export function errorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  if (error instanceof WidgetError) return json(error.body(), error.status, { ...headers, ...error.headers });
  console.error('[widget] request failed:', error);
  return json({ error: 'Something went wrong. Please try again.', code: 'error' }, 500, headers);
}

export type WidgetRouteArgs<P> = { request: Request; db: Db; channel: WidgetChannel; params: P };

/** A route handler under /api/widget/[token]/…: the enabled web channel is loaded first (404 otherwise). */
export function widgetRoute<P extends { token: string }>(handler: (args: WidgetRouteArgs<P>) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await context.params;
      const db = getDb();
      const channel = await requireWidgetChannel(db, params.token);
      return await handler({ request, db, channel, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The JSON body of a request, or a clear 400. */
export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<unknown> {
  const text = await readBody(request, maxBytes);
  if (!text.length) return {};
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new WidgetError(415, 'unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(text.toString('utf8'));
  } catch {
    throw new WidgetError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** The raw body through the shared capped reader; past `maxBytes` a 413 WidgetError. */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const body = await readBodyCapped(request, maxBytes);
  if (!body.ok) throw tooLarge(maxBytes);
  return body.bytes;
}

/** A multipart upload through the shared capped reader: 413 past `maxBytes`, 400 when it does not parse. */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  const read = await readFormCapped(request, maxBytes);
  if (read.ok) return read.form;
  if (read.reason === 'too_large') throw tooLarge(maxBytes);
  throw new WidgetError(400, 'invalid_form', 'The upload is not valid multipart form data.');
}

function tooLarge(maxBytes: number) {
  return new WidgetError(413, 'too_large', `The request is too large (limit ${formatLimit(maxBytes)}).`);
}
