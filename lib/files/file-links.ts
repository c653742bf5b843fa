// Client-safe helpers about links to our stored files (no secrets, no Node APIs).

const OWN_FILE = /^(?:https?:\/\/[^/?#]+)?\/api\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#].*)?$/i;

/** The stored file a URL points at when it is one of ours (relative, or absolute and signed). */
export function ownFileId(url: string | null | undefined): string | null {
  if (!url) return null;
  const m = OWN_FILE.exec(url.trim());
  return m ? m[1].toLowerCase() : null;
}

/**
 * How a page shows a link: one of our stored files as a path on whatever host serves the
 * page (a signed link keeps its query), so it loads from Baton itself whichever address the
 * agent came in by; anything else unchanged.
 */
export function shownUrl(url: string): string;
export function shownUrl(url: string | null | undefined): string | null;
export function shownUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (!ownFileId(url)) return url;
  const parsed = new URL(url.trim(), 'http://baton.invalid');
  return `${parsed.pathname}${parsed.search}`;
}

/** An audio's length as "0:07" or "12:30" (minutes:seconds), or null when unknown. */
export function formatDuration(ms: number | null | undefined): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "1.2 MB", "830 KB", "12 bytes". */
export function formatFileSize(bytes: number | null | undefined): string | null {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return null;
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
