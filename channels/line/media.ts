import type { ChannelCredentials, InboundMedia } from '../types';
import type { ApiTarget } from '../adapter';
import { downloadLimited, MediaDownloadError, type DownloadOptions } from '../shared/download';
import { trimSlash } from '../shared/http';

/** LINE-hosted content by message id (with the token); external content from its own URL (without). */
export async function downloadLineMedia(
  media: InboundMedia,
  credentials: ChannelCredentials['line'],
  api: ApiTarget,
  options: DownloadOptions,
): Promise<{ data: Buffer; mimeType: string; name?: string }> {
  const name = media.name ? { name: media.name } : {};
  if (media.mediaId) {
    const { data, mimeType } = await downloadLimited(
      `${trimSlash(api.lineDataUrl)}/v2/bot/message/${encodeURIComponent(media.mediaId)}/content`,
      {
        headers: { Authorization: `Bearer ${credentials.channelAccessToken}` },
        what: 'LINE content',
        secrets: [credentials.channelAccessToken],
      },
      options,
    );
    return { data, mimeType, ...name };
  }
  if (media.url) {
    const { data, mimeType } = await downloadLimited(media.url, { what: 'LINE external content' }, options);
    return { data, mimeType, ...name };
  }
  throw new MediaDownloadError('unsupported', 'This LINE media has neither a message id nor a URL');
}
