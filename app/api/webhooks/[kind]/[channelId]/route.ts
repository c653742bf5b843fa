import { z } from 'zod';
import { getDb } from '@/lib/db';
import { errorReason } from '@/lib/errors';
import { readBodyCapped } from '@/lib/http/read-body';
import { dispatchDelivery } from '@/lib/ingest/dispatch';
import { MAX_WEBHOOK_BYTES, receiveWebhook, verifyWebhookHandshake, type WebhookResponse } from '@/lib/ingest/receive';

// Platforms call these without a session: the channel's signature is the authentication.
const paramsSchema = z.object({
  kind: z.enum(['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple']),
  channelId: z.uuid(),
});

type Context = { params: Promise<{ kind: string; channelId: string }> };

function respond(r: WebhookResponse): Response {
  return new Response(r.body, { status: r.status, headers: { 'content-type': r.contentType ?? 'text/plain' } });
}

export async function GET(request: Request, context: Context) {
  const params = paramsSchema.safeParse(await context.params);
  if (!params.success || params.data.kind === 'line' || params.data.kind === 'apple') return respond({ status: 404, body: 'Not found' });
  return respond(await verifyWebhookHandshake(getDb(), params.data.kind, params.data.channelId, new URL(request.url).searchParams));
}

export async function POST(request: Request, context: Context) {
  const params = paramsSchema.safeParse(await context.params);
  if (!params.success) return respond({ status: 404, body: 'Not found' });
  const body = await readBodyCapped(request, MAX_WEBHOOK_BYTES);
  if (!body.ok) return respond({ status: 413, body: 'Payload too large' });
  const rawBody = body.bytes;

  const db = getDb();
  let result: WebhookResponse;
  try {
    result = await receiveWebhook(db, { ...params.data, rawBody, headers: request.headers });
  } catch (error) {
    // Not stored (the database is unreachable, or failed before the insert committed): a
    // 503 makes the platform deliver it again, so nothing answered 200 is ever lost.
    console.error(`[ingest] a ${params.data.kind} webhook could not be stored, answered 503:`, errorReason(error));
    return new Response('Service unavailable, retry later', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '5' } });
  }
  // The delivery is already stored: the 200 need not wait for its processing or a wake-up.
  if (result.storedEventId) void dispatchDelivery(db, result.storedEventId);
  return respond(result);
}
