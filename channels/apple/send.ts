import { randomUUID } from 'node:crypto';
import type { ChannelCredentials, OutboundMessage, SendContext, SendResult } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, trimSlash, type RequestOptions, type SendFailure } from '../shared/http';
import { buildAppleMessage, type AppleUpload } from './build';
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

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'audio/mp4': 'm4a',
  'audio/mpeg': 'mp3',
  'application/pdf': 'pdf',
};

/** The attachment's bytes (our stored file, or a link fetched through the filter), then the upload. */
async function upload(
  media: AppleUpload,
  ctx: SendContext,
  auth: { jwt: string; secrets: string[] },
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ ok: true; attachment: AppleAttachment } | SendFailure> {
  if (!ctx.loadMedia) return { ok: false, error: 'This attachment cannot be read for upload to Apple', retryable: false };
  let file: { data: Buffer; mimeType: string; name?: string };
  try {
    file = await ctx.loadMedia(media.url);
  } catch (error) {
    return { ok: false, error: `The attachment could not be read: ${(error as Error).message}`, retryable: true, code: 'media_read' };
  }
  // Messages shows the name under a file; a picture or clip gets one from its type.
  const name = media.name ?? file.name ?? `${media.mediaKind === 'file' ? 'Attachment' : media.mediaKind}.${EXTENSIONS[file.mimeType] ?? 'bin'}`;
  return uploadAppleAttachment({ data: file.data, mimeType: file.mimeType, name }, auth, api, options);
}
