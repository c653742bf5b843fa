import type { OutboundMessage } from '../types';

type SendableMedia = Extract<OutboundMessage, { kind: 'media' }>['mediaKind'];

/** Per kind of attachment: the file types a platform takes (none listed: any) and the largest it takes. Kinds left out are refused. */
export type MediaLimits = Partial<Record<SendableMedia, { mimeTypes: readonly string[]; maxBytes: number; formats: string }>>;

const MB = 1024 * 1024;

/**
 * Why a platform would refuse this attachment, or null when it fits. A type or size we do
 * not know (a link pasted by an agent) is left to the platform.
 */
export function mediaLimitError(
  label: string,
  limits: MediaLimits,
  media: { mediaKind: SendableMedia; mimeType?: string; size?: number },
): string | null {
  const limit = limits[media.mediaKind];
  if (!limit) return `${label} cannot send ${media.mediaKind === 'file' ? 'documents' : `${media.mediaKind} attachments`}.`;
  if (media.mimeType && limit.mimeTypes.length > 0 && !limit.mimeTypes.includes(media.mimeType.toLowerCase())) {
    return `${label} takes ${media.mediaKind === 'image' ? 'images' : `${media.mediaKind}s`} as ${limit.formats} only (this one is ${media.mimeType}).`;
  }
  if (media.size !== undefined && media.size > limit.maxBytes) {
    return `${label} takes ${media.mediaKind === 'image' ? 'images' : `${media.mediaKind}s`} up to ${limit.maxBytes / MB} MB (this one is ${(media.size / MB).toFixed(1)} MB).`;
  }
  return null;
}
