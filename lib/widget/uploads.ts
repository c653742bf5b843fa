import { WIDGET_UPLOAD_LIMITS } from './types';

export type UploadCheck =
  | { ok: true; kind: 'image' | 'video' | 'audio' | 'file'; mimeType: string }
  | { ok: false; status: 413 | 415 | 400; code: string; error: string };

const MB = 1024 * 1024;

/** Image types recognised by their first bytes; the browser's declared type is not trusted for these. */
function sniffImage(data: Buffer): string | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/** Formats whose signature we can check, so a renamed executable cannot pose as one. */
const SIGNATURES: Record<string, (data: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': (d) => d.subarray(0, 2).toString('latin1') === 'PK',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (d) => d.subarray(0, 2).toString('latin1') === 'PK',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (d) => d.subarray(0, 2).toString('latin1') === 'PK',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': (d) => d.subarray(0, 2).toString('latin1') === 'PK',
};

/**
 * What a visitor may upload: PNG, JPEG, GIF and WebP images up to 4 MB (recognised by their
 * bytes, whatever the browser claims), and common documents, audio and video up to 10 MB.
 * Never HTML, SVG or scripts: stored files are served from the app's origin.
 */
export function checkUpload(input: { data: Buffer; declaredType: string; name: string }): UploadCheck {
  const { data } = input;
  if (data.length === 0) return { ok: false, status: 400, code: 'empty_file', error: 'The file is empty.' };
  const declared = (input.declaredType || '').split(';')[0].trim().toLowerCase();

  const image = sniffImage(data);
  if (image) {
    if (data.length > WIDGET_UPLOAD_LIMITS.imageBytes) {
      return { ok: false, status: 413, code: 'too_large', error: `Images can be at most ${WIDGET_UPLOAD_LIMITS.imageBytes / MB} MB.` };
    }
    return { ok: true, kind: 'image', mimeType: image };
  }
  if (declared.startsWith('image/')) {
    return { ok: false, status: 415, code: 'unsupported_type', error: 'Only PNG, JPEG, GIF and WebP images can be sent.' };
  }
  if (!(WIDGET_UPLOAD_LIMITS.fileTypes as readonly string[]).includes(declared)) {
    return { ok: false, status: 415, code: 'unsupported_type', error: 'This type of file cannot be sent. Try an image, a PDF or an office document.' };
  }
  const signature = SIGNATURES[declared];
  if (signature && !signature(data)) {
    return { ok: false, status: 415, code: 'unsupported_type', error: 'The file’s contents do not match its type.' };
  }
  if (data.length > WIDGET_UPLOAD_LIMITS.fileBytes) {
    return { ok: false, status: 413, code: 'too_large', error: `Files can be at most ${WIDGET_UPLOAD_LIMITS.fileBytes / MB} MB.` };
  }
  const kind = declared.startsWith('video/') ? 'video' : declared.startsWith('audio/') ? 'audio' : 'file';
  return { ok: true, kind, mimeType: declared };
}
