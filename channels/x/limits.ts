import type { MediaLimits } from '../shared/media-limits';

const MB = 1024 * 1024;

// X's DM limits: texts up to 10,000 characters, one attachment per message, quick replies of
// type "options" with up to 20 options (label ≤ 36, description ≤ 72, metadata ≤ 1,000).
export const X_LIMITS = {
  text: 10_000,
  quickReplies: 20,
  optionLabel: 36,
  optionDescription: 72,
  optionMetadata: 1000,
} as const;

// Media upload categories dm_image, dm_gif and dm_video: images to 5 MB, GIFs to 15 MB,
// MP4 video to 512 MB (chunked upload). No audio and no documents in DMs.
export const X_MEDIA_LIMITS: MediaLimits = {
  image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], maxBytes: 5 * MB, formats: 'JPEG, PNG, WebP or GIF' },
  video: { mimeTypes: ['video/mp4'], maxBytes: 512 * MB, formats: 'MP4' },
};

/** The upload category X wants for a DM attachment. */
export function xMediaCategory(mimeType: string): 'dm_image' | 'dm_gif' | 'dm_video' {
  if (mimeType === 'image/gif') return 'dm_gif';
  return mimeType.startsWith('video/') ? 'dm_video' : 'dm_image';
}
