// The file extension for a media type, wherever Baton has to name a file it did not get a
// name for (a platform's download, a converted recording, a profile picture, an upload to a
// platform that shows names). Here, not in lib/, because the channel adapters need it too.

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/amr': 'amr',
  'audio/webm': 'webm',
  'application/pdf': 'pdf',
};

/** The usual extension (without the dot), or `fallback` for a type not listed. */
export function fileExtension(mimeType: string, fallback = 'bin'): string {
  return EXTENSIONS[mimeType.toLowerCase()] ?? fallback;
}
