// What an agent may attach in the composer. The type is decided from the file's bytes
// where a format has a signature (the browser's claim is not trusted for those); HTML,
// SVG and scripts are never accepted, since stored files are served from the app's origin.

export const MB = 1024 * 1024;

export const AGENT_UPLOAD_LIMITS = {
  imageBytes: 4 * MB,
  videoBytes: 25 * MB,
  audioBytes: 25 * MB,
  fileBytes: 25 * MB,
} as const;

/** The most a multipart upload may weigh, with room for the form's own overhead. */
export const AGENT_UPLOAD_MAX_REQUEST_BYTES = AGENT_UPLOAD_LIMITS.fileBytes + 256 * 1024;

export type AgentUploadCheck =
  | { ok: true; kind: 'image' | 'video' | 'audio' | 'file'; mimeType: string }
  | { ok: false; status: 400 | 413 | 415; error: string };

function sniffImage(d: Buffer): string | null {
  if (d.length >= 8 && d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (d.length >= 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff) return 'image/jpeg';
  if (d.length >= 6 && /^GIF8[79]a$/.test(d.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (d.length >= 12 && d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

function sniffVideo(d: Buffer): string | null {
  if (d.length >= 12 && d.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = d.subarray(8, 12).toString('latin1');
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand.startsWith('3gp')) return 'video/3gpp';
    return 'video/mp4';
  }
  if (d.length >= 4 && d[0] === 0x1a && d[1] === 0x45 && d[2] === 0xdf && d[3] === 0xa3) return 'video/webm';
  return null;
}

/**
 * Audio by its container: Ogg, MP3 (ID3 tag or MPEG frame), AAC (ADTS), WAV, AMR, M4A
 * (an MP4 whose brand says audio); WebM and MP4 are audio when the browser says so (a
 * MediaRecorder recording is WebM with `audio/webm`).
 */
function sniffAudio(d: Buffer, declared: string): string | null {
  const head = (from: number, to: number) => (d.length >= to ? d.subarray(from, to).toString('latin1') : '');
  if (head(0, 4) === 'OggS') return 'audio/ogg';
  if (head(0, 3) === 'ID3') return 'audio/mpeg';
  if (d.length >= 2 && d[0] === 0xff && (d[1] & 0xe0) === 0xe0) return (d[1] & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg';
  if (head(0, 4) === 'RIFF' && head(8, 12) === 'WAVE') return 'audio/wav';
  if (head(0, 6) === '#!AMR\n') return 'audio/amr';
  // Any MP4 brand when the browser says audio (Safari records audio/mp4 as iso5); M4A/M4B brands whatever it says.
  if (head(4, 8) === 'ftyp' && (declared.startsWith('audio/') || /^M4[AB] $/.test(head(8, 12)))) return 'audio/mp4';
  if (declared.startsWith('audio/') && d.length >= 4 && d[0] === 0x1a && d[1] === 0x45 && d[2] === 0xdf && d[3] === 0xa3) return 'audio/webm';
  return null;
}

const isZip = (d: Buffer) => d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && (d[2] === 0x03 || d[2] === 0x05 || d[2] === 0x07);
const isOle = (d: Buffer) => d.length >= 8 && d.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
/** Text files: valid UTF-8 without NUL bytes in the first 64 KB. */
function looksLikeText(d: Buffer): boolean {
  const head = d.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === d.length ? head : head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** Documents by their declared type, each with the check its contents must pass. */
const DOCUMENTS: Record<string, (d: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': isZip,
  'application/x-zip-compressed': isZip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
  'application/msword': isOle,
  'application/vnd.ms-excel': isOle,
  'application/vnd.ms-powerpoint': isOle,
  'text/plain': looksLikeText,
  'text/csv': looksLikeText,
};

const mb = (bytes: number) => `${bytes / MB} MB`;

/**
 * Images (PNG, JPEG, GIF, WebP) up to 4 MB; audio (MP3, M4A, AAC, Ogg, WAV, AMR, WebM),
 * videos (MP4, MOV, 3GP, WebM) and documents
 * (PDF, Office, ZIP, text, CSV) up to 25 MB. The platforms may have lower limits of their
 * own (WhatsApp videos: 16 MB), which they report when sending.
 */
export function checkAgentUpload(input: { data: Buffer; declaredType: string }): AgentUploadCheck {
  const { data } = input;
  if (data.length === 0) return { ok: false, status: 400, error: 'The file is empty.' };
  const declared = (input.declaredType || '').split(';')[0].trim().toLowerCase();

  const image = sniffImage(data);
  if (image) {
    if (data.length > AGENT_UPLOAD_LIMITS.imageBytes) return { ok: false, status: 413, error: `Images can be at most ${mb(AGENT_UPLOAD_LIMITS.imageBytes)}.` };
    return { ok: true, kind: 'image', mimeType: image };
  }
  if (declared.startsWith('image/')) return { ok: false, status: 415, error: 'Only PNG, JPEG, GIF and WebP images can be sent.' };
  const audio = sniffAudio(data, declared);
  if (audio && !declared.startsWith('video/')) {
    if (data.length > AGENT_UPLOAD_LIMITS.audioBytes) return { ok: false, status: 413, error: `Audio files can be at most ${mb(AGENT_UPLOAD_LIMITS.audioBytes)}.` };
    return { ok: true, kind: 'audio', mimeType: audio };
  }
  if (declared.startsWith('audio/')) return { ok: false, status: 415, error: 'Only MP3, M4A, AAC, Ogg, Opus, WAV, AMR and WebM audio can be sent.' };

  const video = sniffVideo(data);
  if (video && (declared.startsWith('video/') || declared === '' || declared === 'application/octet-stream')) {
    if (data.length > AGENT_UPLOAD_LIMITS.videoBytes) return { ok: false, status: 413, error: `Videos can be at most ${mb(AGENT_UPLOAD_LIMITS.videoBytes)}.` };
    return { ok: true, kind: 'video', mimeType: video };
  }
  if (declared.startsWith('video/')) return { ok: false, status: 415, error: 'Only MP4, MOV, 3GP and WebM videos can be sent.' };

  const check = DOCUMENTS[declared];
  if (!check) return { ok: false, status: 415, error: 'This type of file cannot be sent. Try an image, a video, a PDF or an office document.' };
  if (!check(data)) return { ok: false, status: 415, error: 'The file’s contents do not match its type.' };
  if (data.length > AGENT_UPLOAD_LIMITS.fileBytes) return { ok: false, status: 413, error: `Files can be at most ${mb(AGENT_UPLOAD_LIMITS.fileBytes)}.` };
  return { ok: true, kind: 'file', mimeType: declared };
}
