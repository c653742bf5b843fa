import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, networkFailure, trimSlash, withRetryAfter, type ApiOutcome, type RequestOptions, type SendFailure } from '../shared/http';
import { mediaLimitError } from '../shared/media-limits';
import { isSendFailure, readOutboundMedia } from '../shared/outbound-media';
import { rec, str, type Json } from '../shared/json';
import { buildXMessage, type XDirectMessage } from './build';
import { xFailure } from './errors';
import { X_MEDIA_LIMITS, xMediaCategory } from './limits';

type Credentials = ChannelCredentials['x'];

/** X takes chunks up to 5 MB; 4 MB keeps the base64 body well under any proxy's limit. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** How many STATUS checks a video's processing gets before the send is retried later. */
const MAX_STATUS_CHECKS = 10;

type Call = (path: string, method: 'GET' | 'POST', body?: Json) => Promise<ApiOutcome>;

function caller(credentials: Credentials, api: ApiTarget, options?: RequestOptions): Call {
  return (path, method, body) =>
    callApi(
      {
        url: `${trimSlash(api.xApiUrl)}${path}`,
        method,
        // The account's OAuth 2.0 user-context token (scopes dm.write dm.read tweet.read users.read media.write).
        headers: { Authorization: `Bearer ${credentials.accessToken}` },
        body,
        secrets: [credentials.accessToken],
      },
      options,
    );
}

function failed(outcome: ApiOutcome): SendFailure {
  if (outcome.kind === 'network') return networkFailure(outcome);
  return withRetryAfter(xFailure(outcome.status, outcome.json, outcome.headers), outcome);
}

const ok = (outcome: ApiOutcome): outcome is Extract<ApiOutcome, { kind: 'response' }> =>
  outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;

/**
 * A DM to the customer: its attachment first uploaded in chunks (initialize, append,
 * finalize, then status while X processes a video), then POST
 * /2/dm_conversations/with/{id}/messages with the media id. Nothing reaches the customer
 * before that last call, so any failure before it is safe to retry.
 */
export async function sendX(
  message: OutboundMessage,
  ctx: SendContext,
  credentials: Credentials,
  api: ApiTarget,
  options?: RequestOptions,
): Promise<SendResult> {
  const built = buildXMessage(message);
  if (!built.ok) return { ok: false, error: built.error, retryable: false, code: built.code };
  const call = caller(credentials, api, options);
  const mediaId = built.dm.media ? await uploadMedia(built.dm.media, ctx, call) : undefined;
  if (typeof mediaId === 'object') return mediaId;
  const outcome = await call(`/2/dm_conversations/with/${encodeURIComponent(ctx.recipient)}/messages`, 'POST', dmBody(built.dm, mediaId));
  if (!ok(outcome)) return failed(outcome);
  const id = str(rec(rec(outcome.json)?.data)?.dm_event_id);
  // Accepted without an id: it was probably sent, so retrying risks a duplicate.
  return id ? { ok: true, externalId: id } : { ok: false, error: 'X accepted the message but returned no dm_event_id', retryable: false };
}

function dmBody(dm: XDirectMessage, mediaId: string | undefined): Json {
  return {
    ...(dm.text ? { text: dm.text } : {}),
    ...(mediaId ? { attachments: [{ media_id: mediaId }] } : {}),
    ...(dm.options ? { quick_reply: { type: 'options', options: dm.options } } : {}),
  };
}

async function uploadMedia(media: NonNullable<XDirectMessage['media']>, ctx: SendContext, call: Call): Promise<string | SendFailure> {
  const file = await readOutboundMedia(ctx, media.url, 'X');
  if (isSendFailure(file)) return file;
  const refused = mediaLimitError('X', X_MEDIA_LIMITS, { mediaKind: media.mediaKind, mimeType: file.mimeType, size: file.data.length });
  if (refused) return { ok: false, error: refused, retryable: false, code: 'media_limits' };

  const init = await call('/2/media/upload/initialize', 'POST', {
    media_type: file.mimeType,
    total_bytes: file.data.length,
    media_category: xMediaCategory(file.mimeType),
  });
  if (!ok(init)) return failed(init);
  const id = str(rec(rec(init.json)?.data)?.id);
  if (!id) return { ok: false, error: 'X did not return a media id for the upload', retryable: true };
  const path = `/2/media/upload/${encodeURIComponent(id)}`;
  for (let offset = 0, index = 0; offset < file.data.length; offset += CHUNK_BYTES, index++) {
    const chunk = file.data.subarray(offset, offset + CHUNK_BYTES);
    const append = await call(`${path}/append`, 'POST', { media: chunk.toString('base64'), segment_index: index });
    if (!ok(append)) return failed(append);
  }
  const finalize = await call(`${path}/finalize`, 'POST');
  if (!ok(finalize)) return failed(finalize);
  return awaitProcessing(id, rec(rec(finalize.json)?.data), call);
}

/** Videos are processed after finalize: poll STATUS as X asks (check_after_secs) until it succeeds. */
async function awaitProcessing(id: string, data: Json | undefined, call: Call): Promise<string | SendFailure> {
  let info = rec(data?.processing_info);
  for (let checks = 0; info && checks < MAX_STATUS_CHECKS; checks++) {
    const state = str(info.state);
    if (state === 'succeeded') return id;
    if (state === 'failed') {
      const reason = str(rec(info.error)?.message) ?? 'processing failed';
      return { ok: false, error: `X could not process the attachment: ${reason}`, retryable: false, code: 'media_processing' };
    }
    const wait = Math.min(Number(info.check_after_secs ?? 1), 5) * 1000;
    await new Promise((resolve) => setTimeout(resolve, wait));
    const status = await call(`/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`, 'GET');
    if (!ok(status)) return failed(status);
    info = rec(rec(rec(status.json)?.data)?.processing_info);
  }
  return info ? { ok: false, error: 'X is still processing the attachment', retryable: true, code: 'media_processing' } : id;
}
