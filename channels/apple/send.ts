import { randomUUID } from 'node:crypto';
import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, networkFailure, trimSlash, withRetryAfter, type ApiOutcome, type RequestOptions, type SendFailure } from '../shared/http';
import { rec, str } from '../shared/json';
import { buildAppleMessage } from './build';
import { appleOutboundJwt } from './jwt';

type Credentials = ChannelCredentials['apple'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failed(outcome: ApiOutcome): SendFailure {
  if (outcome.kind === 'network') return networkFailure(outcome);
  const body = rec(outcome.json);
  const reason = str(body?.message) ?? str(body?.error) ?? (outcome.text.trim().slice(0, 200) || `HTTP ${outcome.status}`);
  // 401/403: the MSP id or secret no longer matches what Apple holds; the admin reconnects.
  if (outcome.status === 401 || outcome.status === 403) return { ok: false, error: `Apple refused the credentials: ${reason}`, retryable: false, authError: true, code: outcome.status };
  const retryable = outcome.status === 429 || outcome.status >= 500;
  return withRetryAfter({ ok: false, error: `Apple: ${reason}`, retryable, code: outcome.status }, outcome);
}

/**
 * POST {gateway}/message with a fresh JWT, the message's id (our message id, so a retry
 * repeats the same id) and the business and customer ids as headers and in the body.
 */
export async function sendApple(
  message: OutboundMessage,
  ctx: SendContext,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<SendResult> {
  const id = UUID.test(ctx.idempotencyKey) ? ctx.idempotencyKey.toLowerCase() : randomUUID();
  const built = buildAppleMessage(message, id);
  if (!built.ok) return { ok: false, error: built.error, retryable: false, code: built.code };
  let jwt: string;
  try {
    jwt = appleOutboundJwt(credentials.mspId, credentials.secret);
  } catch (error) {
    return { ok: false, error: (error as Error).message, retryable: false, authError: true };
  }
  const outcome = await callApi(
    {
      url: `${trimSlash(api.appleGatewayUrl)}/message`,
      method: 'POST',
      headers: {
        Authorization: `Bearer ${jwt}`,
        id,
        'Source-Id': api.accountId,
        'Destination-Id': ctx.recipient,
      },
      body: { id, v: 1, sourceId: api.accountId, destinationId: ctx.recipient, ...built.content },
      secrets: [jwt, credentials.secret],
    },
    options,
  );
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) return { ok: true, externalId: id };
  return failed(outcome);
}
