import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { networkFailure, withRetryAfter, type RequestOptions, type SendFailure } from '../shared/http';
import { arr, rec, str, type Json } from '../shared/json';
import { sendParts } from '../shared/parts';
import { buildWhatsAppMessages } from './build';
import { whatsAppFailure } from './errors';
import { postToMessages } from './request';

type Credentials = ChannelCredentials['whatsapp'];

export async function sendWhatsApp(
  message: OutboundMessage,
  ctx: SendContext,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<SendResult> {
  const built = buildWhatsAppMessages(message);
  if (!built.ok) return { ok: false, error: built.error, retryable: false, code: built.code };
  return sendParts(built.parts, async (part, index) => {
    const body: Json = { recipient_type: 'individual', to: ctx.recipient, ...part };
    // Only the first part quotes: the caption that follows belongs to it.
    if (ctx.replyToExternalId && index === 0) body.context = { message_id: ctx.replyToExternalId };
    const outcome = await postToMessages(body, credentials, api, options);
    if (outcome.kind === 'network') return networkFailure(outcome);
    if (outcome.status < 200 || outcome.status >= 300) return withRetryAfter(whatsAppFailure(outcome.status, outcome.json), outcome);
    const id = str(rec(arr(rec(outcome.json)?.messages)[0])?.id);
    return id ? { ok: true, externalId: id } : { ok: false, error: 'WhatsApp accepted the message but returned no id', retryable: false };
  });
}

/** Blue ticks on the customer's message. */
export async function markWhatsAppAsRead(
  externalMessageId: string,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ ok: true } | SendFailure> {
  const outcome = await postToMessages({ status: 'read', message_id: externalMessageId }, credentials, api, options);
  if (outcome.kind === 'network') return networkFailure(outcome);
  if (outcome.status < 200 || outcome.status >= 300) return whatsAppFailure(outcome.status, outcome.json);
  return { ok: true };
}
