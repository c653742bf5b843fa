import type { ChannelCredentials, InboundMedia } from '../types';
import type { ApiTarget } from '../adapter';
import { downloadLimited, MediaDownloadError, type DownloadOptions } from '../shared/download';

/** The token goes only to X's own hosts (its media CDN, or the configured API), never to any other URL. */
function isXHost(url: URL, api: ApiTarget): boolean {
  if (url.hostname === 'ton.twimg.com' || url.hostname.endsWith('.twimg.com')) return url.protocol === 'https:';
  try {
    return url.origin === new URL(api.xApiUrl).origin;
  } catch {
    return false;
  }
}

/** DM media sits behind the account's authorisation (ton.twimg.com/dm/…): fetched with its token. */
export async function downloadXMedia(
  media: InboundMedia,
  credentials: ChannelCredentials['x'],
  api: ApiTarget,
  options: DownloadOptions,
): Promise<{ data: Buffer; mimeType: string }> {
  if (!media.url) throw new MediaDownloadError('unsupported', 'X media without a URL');
  let url: URL;
  try {
    url = new URL(media.url);
  } catch {
    throw new MediaDownloadError('unsupported', 'X media with an unreadable URL');
  }
  const headers = isXHost(url, api) ? { Authorization: `Bearer ${credentials.accessToken}` } : undefined;
  const file = await downloadLimited(media.url, { headers, what: 'X media', secrets: [credentials.accessToken] }, options);
  return { data: file.data, mimeType: media.mimeType ?? file.mimeType };
}
