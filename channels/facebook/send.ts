import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, networkFailure, trimSlash, withRetryAfter, type RequestOptions } from '../shared/http';
import { rec, str, type Json } from '../shared/json';
import { sendParts } from '../shared/parts';
import { buildMessengerMessages, MESSENGER_PROFILE, type SendApiProfile } from './build';
import { messengerFailure } from './errors';

type Credentials = ChannelCredentials['facebook'];

export async function sendMessenger(
  message: OutboundMessage,
  ctx: SendContext,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<SendResult> {
  return sendApiMessage(message, ctx, credentials.pageAccessToken, api, MESSENGER_PROFILE, options);
}

/** Builds and posts a message through the Send API (Messenger, Instagram): the token is the page's or the Instagram account's. */
export async function sendApiMessage(
  message: OutboundMessage,
  ctx: SendContext,
  accessToken: string,
  api: ApiTarget,
  profile: SendApiProfile,
  options?: RequestOptions,
): Promise<SendResult> {
  const built = buildMessengerMessages(message, profile);
  if (!built.ok) return { ok: false, error: built.error, retryable: false, code: built.code };
  return sendParts(built.parts, (body) => postMessage(body, ctx, accessToken, api, profile.label, options));
}

async function postMessage(
  message: Json,
  ctx: SendContext,
  accessToken: string,
  api: ApiTarget,
  label: string,
  options?: RequestOptions,
): Promise<SendResult> {
  const body: Json = ctx.notificationToken
    ? // An opt-in notification is addressed to the token alone, with no messaging type or tag.
      { recipient: { notification_messages_token: ctx.notificationToken }, message }
    : {
        recipient: { id: ctx.recipient },
        messaging_type: ctx.humanAgentTag ? 'MESSAGE_TAG' : 'RESPONSE',
        ...(ctx.humanAgentTag ? { tag: 'HUMAN_AGENT' } : {}),
        message,
      };
  const outcome = await callApi(
    {
      url: `${trimSlash(api.graphUrl)}/me/messages?access_token=${encodeURIComponent(accessToken)}`,
      method: 'POST',
      body,
      secrets: [accessToken, ...(ctx.notificationToken ? [ctx.notificationToken] : [])],
    },
    options,
  );
  if (outcome.kind === 'network') return networkFailure(outcome);
  if (outcome.status >= 200 && outcome.status < 300) {
    const id = str(rec(outcome.json)?.message_id);
    // Accepted without an id: it was probably sent, so retrying risks a duplicate.
    return id ? { ok: true, externalId: id } : { ok: false, error: `${label} accepted the message but returned no message_id`, retryable: false };
  }
  return withRetryAfter(messengerFailure(outcome.status, outcome.json), outcome);
}
