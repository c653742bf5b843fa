// Audio messages, per channel: which recordings a platform takes as they are, and what an
// agent's recording (a browser's WebM/Opus, or a file they attached) is converted to when
// it does not. Pure: the conversion itself runs in lib/media (ffmpeg), in the outbox.

/** The formats Baton converts audio to. */
export type AudioTarget = 'ogg_opus' | 'm4a_aac';

export const AUDIO_TARGETS: Record<AudioTarget, { mimeType: string; extension: string; label: string }> = {
  // WhatsApp plays Ogg/Opus as a voice note (the push-to-talk bubble).
  ogg_opus: { mimeType: 'audio/ogg', extension: 'ogg', label: 'Ogg/Opus' },
  // M4A (AAC in an MP4 container): what LINE, Messenger, Instagram and every browser play.
  m4a_aac: { mimeType: 'audio/mp4', extension: 'm4a', label: 'M4A' },
};

/** A channel's audio rule: what it takes as is (container type → codecs, empty = any), and the target otherwise. */
export type AudioRule = {
  accepts: Readonly<Record<string, readonly string[]>>;
  target: AudioTarget;
  /** The largest audio file the platform takes. */
  maxBytes: number;
  /** LINE: an audio message carries its length in milliseconds. */
  needsDuration?: boolean;
};

const MB = 1024 * 1024;
const ANY: readonly string[] = [];

/**
 * WhatsApp Cloud API: audio/aac, audio/amr, audio/mpeg, audio/mp4 and audio/ogg with the
 * Opus codec only, up to 16 MB (media types table of the Cloud API).
 */
export const WHATSAPP_AUDIO: AudioRule = {
  accepts: { 'audio/ogg': ['opus'], 'audio/aac': ANY, 'audio/amr': ANY, 'audio/mpeg': ANY, 'audio/mp4': ['aac'] },
  target: 'ogg_opus',
  maxBytes: 16 * MB,
};

/** Messenger's Send API audio attachment: MP3, M4A/AAC and WAV are played; up to 25 MB. */
export const MESSENGER_AUDIO: AudioRule = {
  accepts: { 'audio/mpeg': ANY, 'audio/mp4': ['aac'], 'audio/aac': ANY, 'audio/wav': ANY },
  target: 'm4a_aac',
  maxBytes: 25 * MB,
};

/** Instagram's Send API: audio as AAC, M4A, WAV or MP4, up to 25 MB (no MP3, no Ogg). */
export const INSTAGRAM_AUDIO: AudioRule = {
  accepts: { 'audio/mp4': ['aac'], 'audio/aac': ANY, 'audio/wav': ANY },
  target: 'm4a_aac',
  maxBytes: 25 * MB,
};

/** LINE's audio message: an HTTPS URL of an M4A file plus its `duration` in ms; files up to 200 MB. */
export const LINE_AUDIO: AudioRule = {
  accepts: { 'audio/mp4': ['aac'] },
  target: 'm4a_aac',
  maxBytes: 200 * MB,
  needsDuration: true,
};

/**
 * Apple Messages for Business: an attachment of any type up to 100 MB; the Messages app
 * plays M4A/AAC, MP3 and WAV inline, so a browser's WebM/Opus recording becomes M4A.
 */
export const APPLE_AUDIO: AudioRule = {
  accepts: { 'audio/mp4': ['aac'], 'audio/mpeg': ANY, 'audio/aac': ANY, 'audio/wav': ANY },
  target: 'm4a_aac',
  maxBytes: 100 * MB,
};

/**
 * The website chat plays audio in the visitor's browser: M4A/AAC, MP3 and WAV play in
 * every browser (Safari does not play WebM or Ogg), so a recording is converted to M4A.
 */
export const WEB_AUDIO: AudioRule = {
  accepts: { 'audio/mp4': ['aac'], 'audio/mpeg': ANY, 'audio/wav': ANY },
  target: 'm4a_aac',
  maxBytes: 25 * MB,
};

/** What a file's probe found: its container type and its audio codec (ffmpeg's names: opus, aac, mp3, vorbis…). */
export type AudioProbe = { mimeType: string; codec: string | null };

/** Sent as it is, or converted to the channel's target. */
export type AudioPlan = { action: 'send' } | { action: 'convert'; target: AudioTarget };

/** Whether the platform takes this file as it is; else what to convert it to. */
export function planAudio(rule: AudioRule, probe: AudioProbe): AudioPlan {
  const type = normaliseAudioType(probe.mimeType);
  const codecs = rule.accepts[type];
  if (codecs && (codecs.length === 0 || (probe.codec !== null && codecs.includes(probe.codec)))) return { action: 'send' };
  return { action: 'convert', target: rule.target };
}

/** One name per container type (browsers and platforms spell some several ways). */
export function normaliseAudioType(mimeType: string): string {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  const aliases: Record<string, string> = {
    'audio/x-m4a': 'audio/mp4',
    'audio/m4a': 'audio/mp4',
    'audio/mp3': 'audio/mpeg',
    'audio/x-wav': 'audio/wav',
    'audio/wave': 'audio/wav',
    'audio/vnd.wave': 'audio/wav',
    'audio/opus': 'audio/ogg',
    'video/webm': 'audio/webm',
    'video/mp4': 'audio/mp4',
  };
  return aliases[type] ?? type;
}
