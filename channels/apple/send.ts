import { randomUUID } from 'node:crypto';
import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { fileExtension } from '../shared/file-extension';
import { callApi, trimSlash, type RequestOptions, type SendFailure } from '../shared/http';
import { mediaLimitError } from '../shared/media-limits';
import { isSendFailure, readOutboundMedia } from '../shared/outbound-media';
import { buildAppleMessage, type AppleUpload } from './build';
import { APPLE_MEDIA_LIMITS } from './constants';
import { appleFailure } from './errors';
import { appleOutboundJwt } from './jwt';
import { uploadAppleAttachment, type AppleAttachment } from './upload';

type Credentials = ChannelCredentials['apple'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST {gateway}/message with a fresh JWT, the message's id (our message id, so a retry
 * repeats the same id) and the business and customer ids as headers and in the body; an
 * attachment is encrypted and uploaded first, and the message names it.
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
  let attachments: AppleAttachment[] | undefined;
  if (built.upload) {
    const uploaded = await upload(built.upload, ctx, { jwt, secrets: [jwt, credentials.secret] }, api, options);
    if (!uploaded.ok) return uploaded;
    attachments = [uploaded.attachment];
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
      body: { id, v: 1, sourceId: api.accountId, destinationId: ctx.recipient, ...built.content, ...(attachments ? { attachments } : {}) },
      secrets: [jwt, credentials.secret],
    },
    options,
  );
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) return { ok: true, externalId: id };
  return appleFailure(outcome);
}

/** The attachment's bytes (our stored file, or a link fetched through the filter), then the upload. */
async function upload(
  media: AppleUpload,
  ctx: SendContext,
  auth: { jwt: string; secrets: string[] },
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ ok: true; attachment: AppleAttachment } | SendFailure> {
  const file = await readOutboundMedia(ctx, media.url, 'Apple');
  if (isSendFailure(file)) return file;
  const refused = mediaLimitError('Apple Messages', APPLE_MEDIA_LIMITS, { mediaKind: media.mediaKind, size: file.data.length });
  if (refused) return { ok: false, error: refused, retryable: false, code: 'media_limits' };
  // Messages shows the name under a file; a picture or clip gets one from its type.
  const name = media.name ?? file.name ?? `${media.mediaKind === 'file' ? 'Attachment' : media.mediaKind}.${fileExtension(file.mimeType)}`;
  return uploadAppleAttachment({ data: file.data, mimeType: file.mimeType, name }, auth, api, options);
}
