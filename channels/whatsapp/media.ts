import type { ChannelCredentials, InboundMedia } from '../types';
import type { ApiTarget } from '../adapter';
import { downloadLimited, MediaDownloadError, networkError, statusError, tooLarge, type DownloadOptions } from '../shared/download';
import { DEFAULT_TIMEOUT_MS, trimSlash } from '../shared/http';
import { num, rec, str } from '../shared/json';

/** Two steps: the media id resolves to a short-lived URL, which needs the same Bearer token. */
export async function downloadWhatsAppMedia(
  media: InboundMedia,
  credentials: ChannelCredentials['whatsapp'],
  api: ApiTarget,
  options: DownloadOptions,
): Promise<{ data: Buffer; mimeType: string; name?: string }> {
  if (!media.mediaId) throw new MediaDownloadError('unsupported', 'This WhatsApp media has no media id to download');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers = { Authorization: `Bearer ${credentials.accessToken}` };
  const secrets = [credentials.accessToken];

  let info: Record<string, unknown> | undefined;
  try {
    const res = await doFetch(`${trimSlash(api.graphUrl)}/${encodeURIComponent(media.mediaId)}`, {
      method: 'GET',
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw statusError(res.status, 'WhatsApp media lookup');
    info = rec(await res.json());
  } catch (error) {
    throw networkError(error, 'WhatsApp media lookup', timeoutMs, secrets);
  }
  const url = str(info?.url);
  if (!url) throw new MediaDownloadError('http', 'WhatsApp media lookup returned no URL');
  const size = num(info?.file_size);
  if (size !== undefined && size > options.maxBytes) throw tooLarge(options.maxBytes, size);

  const { data, mimeType } = await downloadLimited(url, { headers, what: 'WhatsApp media', secrets }, options);
  return {
    data,
    mimeType: str(info?.mime_type) ?? media.mimeType ?? mimeType,
    ...(media.name ? { name: media.name } : {}),
  };
}
