import type { MediaLimits } from '../shared/media-limits';
import { MESSENGER_LIMITS, type SendApiProfile } from '../facebook/build';

const MB = 1024 * 1024;

// Instagram's Send API (Messenger Platform for Instagram, "Send a message"): images png/jpeg up
// to 8 MB, video and audio up to 25 MB, no documents; quick replies are text chips.
export const INSTAGRAM_MEDIA_LIMITS: MediaLimits = {
  image: { mimeTypes: ['image/png', 'image/jpeg'], maxBytes: 8 * MB, formats: 'PNG or JPEG' },
  video: {
    mimeTypes: ['video/mp4', 'video/ogg', 'video/x-msvideo', 'video/avi', 'video/quicktime', 'video/webm'],
    maxBytes: 25 * MB,
    formats: 'MP4, OGG, AVI, MOV or WebM',
  },
  audio: {
    mimeTypes: ['audio/aac', 'audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
    maxBytes: 25 * MB,
    formats: 'AAC, M4A, WAV or MP4',
  },
};

export const INSTAGRAM_PROFILE: SendApiProfile = {
  label: 'Instagram',
  // Instagram documents its texts as at most 1,000 characters.
  text: 1000,
  buttonTemplate: false,
  mediaKinds: ['image', 'video', 'audio'],
};

export const INSTAGRAM_MAX_QUICK_REPLIES = MESSENGER_LIMITS.quickReplies;
