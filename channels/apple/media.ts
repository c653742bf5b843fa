import type { ChannelCredentials, InboundMedia } from '../types';
import type { ApiTarget } from '../adapter';
import { downloadLimited, MediaDownloadError, statusError, tooLarge, type DownloadOptions } from '../shared/download';
import { callApi, trimSlash } from '../shared/http';
import { rec, str } from '../shared/json';
import { decryptAppleAttachment } from './cipher';
import { appleOutboundJwt } from './jwt';

/**
 * A customer's attachment sits encrypted on Apple's MMCS: GET {gateway}/preDownload with its
 * location, owner and signature (base64 of the signature's bytes) gives a short-lived
 * download URL; the file fetched from there (through the outside-URL filter) must be the
 * size Apple stated, and is then decrypted with the key that came with the message.
 */
export async function downloadAppleMedia(
  media: InboundMedia,
  credentials: ChannelCredentials['apple'],
  api: ApiTarget,
  options: DownloadOptions,
): Promise<{ data: Buffer; mimeType: string; name?: string }> {
  const encrypted = media.encrypted;
  if (!media.url || !encrypted) throw new MediaDownloadError('unsupported', 'Apple attachment without its location or key');
  if (media.size !== undefined && media.size > options.maxBytes) throw tooLarge(options.maxBytes, media.size);
  const jwt = appleOutboundJwt(credentials.mspId, credentials.secret);
  const outcome = await callApi(
    {
      url: `${trimSlash(api.appleGatewayUrl)}/preDownload`,
      method: 'GET',
      headers: {
        Authorization: `Bearer ${jwt}`,
        'Source-Id': api.accountId,
        'MMCS-Url': media.url,
        'MMCS-Signature': Buffer.from(encrypted.signature, 'hex').toString('base64'),
        'MMCS-Owner': encrypted.owner,
      },
      secrets: [jwt],
    },
    { fetch: options.fetch, timeoutMs: options.timeoutMs },
  );
  if (outcome.kind === 'network') throw new MediaDownloadError('network', `Apple preDownload: ${outcome.message}`, { retryable: true });
  if (outcome.status < 200 || outcome.status >= 300) throw statusError(outcome.status, 'Apple preDownload');
  const downloadUrl = str(rec(outcome.json)?.['download-url']);
  if (!downloadUrl) throw new MediaDownloadError('http', 'Apple preDownload returned no download-url', { retryable: true });
  const file = await downloadLimited(downloadUrl, { what: 'Apple attachment' }, options);
  if (media.size !== undefined && file.data.length !== media.size) {
    throw new MediaDownloadError('http', `Apple attachment: ${file.data.length} bytes, Apple said ${media.size}`, { retryable: true });
  }
  let data: Buffer;
  try {
    data = decryptAppleAttachment(encrypted.key, file.data);
  } catch (error) {
    throw new MediaDownloadError('unsupported', `Apple attachment: ${(error as Error).message}`);
  }
  return { data, mimeType: media.mimeType ?? 'application/octet-stream', ...(media.name ? { name: media.name } : {}) };
}
