import type { ChannelAdapter, MessagingKind } from '@/channels/adapter';
import type { InboundMedia, NormalizedContent } from '@/channels/types';
import type { DbOrTx } from '@/db/client';
import type { Attachment } from '@/db/schema/messages';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';
import { fileExtension } from '@/channels/shared/file-extension';
import { probeAudio } from '@/lib/media/audio';

/** What ingest needs from a platform adapter beyond parsing. */
export type PlatformFetchers = Pick<ChannelAdapter<MessagingKind>, 'fetchProfile' | 'downloadMedia'>;

/** Largest inbound file we keep (WhatsApp documents go up to 100 MB; we cap lower). */
export const MAX_INBOUND_MEDIA_BYTES = 25 * 1024 * 1024;

/** Inbound media after the download step: in the file store, or marked unavailable with its source kept. */
export type StoredMedia = InboundMedia & Pick<Attachment, 'unavailable' | 'source'>;

function defaultName(media: InboundMedia, mimeType: string): string {
  return media.name ?? `${media.kind}-${media.mediaId ?? 'file'}.${fileExtension(mimeType)}`;
}

/** How stored media is kept on the message. */
export function toAttachment(m: StoredMedia): Attachment {
  return {
    kind: m.kind,
    url: m.url ?? '',
    ...(m.name ? { name: m.name } : {}),
    ...(m.mimeType ? { mimeType: m.mimeType } : {}),
    ...(m.size ? { size: m.size } : {}),
    ...(m.durationMs ? { durationMs: m.durationMs } : {}),
    ...(m.unavailable ? { unavailable: m.unavailable, source: m.source } : {}),
  };
}

function sourceOf(media: InboundMedia): NonNullable<Attachment['source']> {
  return { ...(media.url ? { url: media.url } : {}), ...(media.mediaId ? { mediaId: media.mediaId } : {}) };
}

/** A voice note's length when the platform does not give it (all but LINE); unknown when it cannot be decoded. */
async function measuredLength(data: Buffer, mimeType: string): Promise<number | undefined> {
  try {
    return (await probeAudio(data, mimeType)).durationMs;
  } catch (error) {
    console.warn(`[ingest] audio length unknown: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * One inbound attachment into the file store: downloaded through the adapter (whose
 * downloads go through the outside-URL filter), saved, and pointed at by a Baton URL. A
 * refused or failed download never loses the message: the attachment is kept without a
 * URL, with the reason and its source for a retry.
 */
export async function storeInboundMedia(
  db: DbOrTx,
  loaded: LoadedChannel,
  adapter: PlatformFetchers,
  media: InboundMedia,
): Promise<StoredMedia> {
  const source = sourceOf(media);
  if (!adapter.downloadMedia) return { ...media, url: undefined, unavailable: 'this channel cannot download media', source };
  try {
    const downloaded = await adapter.downloadMedia({ ...media, ...source }, loaded.credentials as never, loaded.endpoints, {
      maxBytes: MAX_INBOUND_MEDIA_BYTES,
      allowHosts: fetchAllowHosts(),
    });
    const stored = await saveFile(db, loaded.channel.workspaceId, {
      data: downloaded.data,
      name: downloaded.name ?? defaultName(media, downloaded.mimeType),
      mimeType: downloaded.mimeType,
    });
    const durationMs = media.kind === 'audio' ? (media.durationMs ?? (await measuredLength(downloaded.data, downloaded.mimeType))) : undefined;
    return { kind: media.kind, url: fileUrl(stored.id), mimeType: stored.mimeType, size: stored.size, name: stored.name, ...(durationMs ? { durationMs } : {}) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`[ingest] attachment unavailable on channel ${loaded.channel.id}: ${reason}`);
    return { kind: media.kind, ...(media.name ? { name: media.name } : {}), url: undefined, unavailable: reason, source };
  }
}

/**
 * Every attachment a platform sent (by URL or by id) is brought into our file store, so
 * agents' browsers only ever load Baton URLs and nothing expires with the platform's links.
 */
export async function downloadPlatformMedia(
  db: DbOrTx,
  loaded: LoadedChannel,
  adapter: PlatformFetchers | null,
  content: NormalizedContent,
): Promise<NormalizedContent> {
  if (content.kind !== 'media' || !adapter) return content;
  const media: StoredMedia[] = [];
  for (const item of content.media) media.push(await storeInboundMedia(db, loaded, adapter, item));
  return { ...content, media };
}
