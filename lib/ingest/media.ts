import type { ChannelAdapter, MessagingKind } from '@/channels/adapter';
import type { InboundMedia, NormalizedContent } from '@/channels/types';

/** What ingest needs from a platform adapter beyond parsing. */
export type PlatformFetchers = Pick<ChannelAdapter<MessagingKind>, 'fetchProfile' | 'downloadMedia'>;
import type { DbOrTx } from '@/db/client';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { fileUrl, saveFile } from '@/lib/files/storage';

/** Largest inbound file we keep (WhatsApp documents go up to 100 MB; we cap lower). */
export const MAX_INBOUND_MEDIA_BYTES = 25 * 1024 * 1024;

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif',
  'video/mp4': 'mp4', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/aac': 'aac', 'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
};

function defaultName(media: InboundMedia, mimeType: string): string {
  return media.name ?? `${media.kind}-${media.mediaId ?? 'file'}.${extensions[mimeType] ?? 'bin'}`;
}

/**
 * Media the platform serves by id (WhatsApp media, LINE content) is fetched into our file
 * store, so it stays viewable after the platform's links expire. Failures throw: the
 * event is then retried, not stored without its picture.
 */
export async function downloadPlatformMedia(
  db: DbOrTx,
  loaded: LoadedChannel,
  adapter: PlatformFetchers | null,
  content: NormalizedContent,
): Promise<NormalizedContent> {
  if (content.kind !== 'media' || !adapter?.downloadMedia) return content;
  const media: InboundMedia[] = [];
  for (const item of content.media) {
    if (item.url || !item.mediaId) {
      media.push(item);
      continue;
    }
    const downloaded = await adapter.downloadMedia(item, loaded.credentials as never, loaded.endpoints, {
      maxBytes: MAX_INBOUND_MEDIA_BYTES,
    });
    const stored = await saveFile(db, loaded.channel.workspaceId, {
      data: downloaded.data,
      name: downloaded.name ?? defaultName(item, downloaded.mimeType),
      mimeType: downloaded.mimeType,
    });
    media.push({ ...item, url: fileUrl(stored.id), mimeType: stored.mimeType, size: stored.size, name: stored.name });
  }
  return { ...content, media };
}
