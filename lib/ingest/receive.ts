import { createHash } from 'node:crypto';
import { getMessagingAdapter, type MessagingKind } from '@/channels';
import type { Db } from '@/db/client';
import { inboundEvents } from '@/db/schema';
import { loadChannel } from '@/lib/channel-config/load';
import { customerKeysOf } from './customer-keys';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export type WebhookResponse = { status: number; body: string; contentType?: string; storedEventId?: string };

const text = (status: number, body: string): WebhookResponse => ({ status, body, contentType: 'text/plain' });

/** Headers worth keeping with a stored delivery (never cookies or auth). */
function keptHeaders(headers: Headers): Record<string, string> {
  const keep = ['content-type', 'content-encoding', 'source-id', 'destination-id', 'user-agent', 'x-hub-signature-256', 'x-line-signature', 'x-twitter-webhooks-signature', 'x-forwarded-for'];
  return Object.fromEntries(keep.flatMap((k) => (headers.get(k) ? [[k, headers.get(k)!]] : [])));
}

function isJson(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

async function findEnabledChannel(db: Db, kind: MessagingKind, channelId: string) {
  const loaded = await loadChannel(db, channelId);
  if (!loaded || loaded.channel.kind !== kind || !loaded.channel.enabled) return null;
  return loaded;
}

/** Meta's GET handshake (echo the challenge on the right verify token), X's CRC challenge. */
export async function verifyWebhookHandshake(db: Db, kind: MessagingKind, channelId: string, params: URLSearchParams): Promise<WebhookResponse> {
  const loaded = await findEnabledChannel(db, kind, channelId);
  if (!loaded) return text(404, 'Unknown channel');
  const challenge = getMessagingAdapter(kind)?.verifyHandshake?.(params, loaded.credentials as never) ?? null;
  if (challenge === null) return text(403, 'Verification failed');
  return { status: 200, body: challenge, contentType: getMessagingAdapter(kind)?.handshakeContentType ?? 'text/plain' };
}

/**
 * A webhook POST, before anything is processed: the channel must exist and be enabled,
 * the body within size, the signature valid on the exact bytes, the JSON well-formed.
 * Then the raw delivery is stored (a byte-identical redelivery is a no-op) and the caller
 * answers 200 and processes it after the response.
 */
export async function receiveWebhook(
  db: Db,
  input: { kind: MessagingKind; channelId: string; rawBody: Buffer; headers: Headers },
): Promise<WebhookResponse> {
  if (input.rawBody.length > MAX_WEBHOOK_BYTES) return text(413, 'Payload too large');
  const loaded = await findEnabledChannel(db, input.kind, input.channelId);
  if (!loaded) return text(404, 'Unknown channel');

  const adapter = getMessagingAdapter(input.kind);
  if (!adapter?.verifySignature(input.rawBody, input.headers, loaded.credentials as never)) {
    return text(401, 'Invalid signature');
  }

  // A packed body (Apple gzips) is kept and keyed unpacked: what is stored is what is parsed.
  const bytes = adapter.decodeBody ? adapter.decodeBody(input.rawBody, input.headers, MAX_WEBHOOK_BYTES) : input.rawBody;
  if (!bytes) return text(400, 'Unreadable body');
  // Decoding replaces invalid UTF-8; a NUL byte decodes as itself, which a text column refuses.
  // JSON never holds one raw, so only a malformed body loses it, and only in the copy kept
  // for the admin (the event key below is taken from the exact bytes).
  const raw = bytes.toString('utf8').replaceAll('\u0000', '\uFFFD');
  const eventKey = createHash('sha256').update(bytes).digest('hex');
  // Parsed once here for who it is about (the worker keeps each customer's deliveries in
  // order); only a body the adapter cannot read is parsed again, to tell bad JSON apart.
  const parsed = adapter.parseWebhook(raw);
  const wellFormed = parsed.ok || isJson(raw);
  // Authentic (same app secret) but addressed to another page/number: keep it for the
  // admin to see, but never file its messages under this channel.
  const addressedTo = wellFormed ? adapter.accountIds(raw) : [];
  const misrouted = addressedTo.length > 0 && !addressedTo.includes(loaded.channel.externalId);
  const customerKeys = parsed.ok && !misrouted ? customerKeysOf(loaded.channel.id, parsed.events) : null;

  const [stored] = await db
    .insert(inboundEvents)
    .values({
      workspaceId: loaded.channel.workspaceId,
      channelId: loaded.channel.id,
      eventKey,
      rawBody: raw,
      headers: keptHeaders(input.headers),
      customerKeys,
      ...(!wellFormed
        ? { status: 'malformed' as const, error: 'The body is not valid JSON' }
        : misrouted
          ? { status: 'malformed' as const, error: `Addressed to account ${addressedTo.join(', ')}, not this channel (${loaded.channel.externalId})` }
          : {}),
    })
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id });

  if (!wellFormed) return text(400, 'Malformed JSON');
  return { status: 200, body: 'EVENT_RECEIVED', contentType: 'text/plain', storedEventId: misrouted ? undefined : stored?.id };
}
