import type { InboundMedia } from '../types';
import { downloadLimited, MediaDownloadError, type DownloadOptions } from '../shared/download';

/**
 * Messenger attachment URLs are signed CDN links that expire; they need no token, and the
 * page token must never go to a URL taken from a webhook.
 */
export async function downloadMessengerMedia(media: InboundMedia, options: DownloadOptions, label = 'Messenger') {
  if (!media.url) throw new MediaDownloadError('unsupported', `This ${label} attachment has no URL to download`);
  const { data, mimeType } = await downloadLimited(media.url, { what: `${label} attachment` }, options);
  return { data, mimeType: media.mimeType ?? mimeType, ...(media.name ? { name: media.name } : {}) };
}
