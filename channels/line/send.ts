import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, networkFailure, trimSlash, withRetryAfter, type ApiOutcome, type RequestOptions } from '../shared/http';
import { toUuid } from '../shared/ids';
import { arr, rec, str, type Json } from '../shared/json';
import { buildLineMessages } from './build';
import { isInvalidReplyToken, lineFailure } from './errors';

type Credentials = ChannelCredentials['line'];

/**
 * A fresh reply token is free and needs no friend quota, so it is tried first; a stale one
 * ("Invalid reply token") falls back to push. Only push takes X-Line-Retry-Key (LINE answers
 * 400 to a retry key anywhere else), and it is what makes a retried push a no-op.
 */
export async function sendLine(
  message: OutboundMessage,
  ctx: SendContext,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<SendResult> {
  const built = buildLineMessages(message);
  if (!built.ok) return { ok: false, error: built.error, retryable: false, code: built.code };

  if (ctx.replyToken) {
    const reply = await post(api, '/v2/bot/message/reply', { replyToken: ctx.replyToken, messages: built.messages }, credentials, {}, options);
    if (reply.kind === 'network') return networkFailure(reply);
    if (reply.status >= 200 && reply.status < 300) return success(reply, ctx);
    if (!isInvalidReplyToken(reply.status, reply.json)) return withRetryAfter(lineFailure(reply.status, reply.json), reply);
  }

  const retryKey = { 'X-Line-Retry-Key': toUuid(ctx.idempotencyKey) };
  const push = await post(api, '/v2/bot/message/push', { to: ctx.recipient, messages: built.messages }, credentials, retryKey, options);
  if (push.kind === 'network') return networkFailure(push);
  if (push.status >= 200 && push.status < 300) return success(push, ctx);
  // 409 + accepted request id: an earlier attempt with this key already went through.
  const accepted = push.status === 409 ? push.headers.get('x-line-accepted-request-id') : null;
  if (accepted) return success(push, ctx, accepted);
  return withRetryAfter(lineFailure(push.status, push.json), push);
}

function post(
  api: ApiTarget,
  path: string,
  body: Json,
  credentials: Credentials,
  headers: Record<string, string>,
  options?: RequestOptions,
): Promise<ApiOutcome> {
  return callApi(
    {
      url: `${trimSlash(api.lineApiUrl)}${path}`,
      method: 'POST',
      headers: { Authorization: `Bearer ${credentials.channelAccessToken}`, ...headers },
      body,
      secrets: [credentials.channelAccessToken],
    },
    options,
  );
}

function success(outcome: Extract<ApiOutcome, { kind: 'response' }>, ctx: SendContext, acceptedRequestId?: string): SendResult {
  const ids = arr(rec(outcome.json)?.sentMessages)
    .map((m) => str(rec(m)?.id))
    .filter((id): id is string => !!id);
  // Older API versions answered {} without ids; the request id is still a stable handle.
  const fallback = acceptedRequestId ?? outcome.headers.get('x-line-request-id') ?? ctx.idempotencyKey;
  const externalId = ids[0] ?? fallback;
  return ids.length > 1 ? { ok: true, externalId, externalIds: ids } : { ok: true, externalId };
}
