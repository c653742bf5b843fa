import { Fragment } from 'react';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Only http(s) and our own paths may become a link or an image source. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('/api/widget/') || url.startsWith('/api/files/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Message text as text (React escapes it; never HTML), with http(s) addresses turned into
 * links that open in a new tab without access to this window.
 */
export function SafeText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    // Trailing punctuation belongs to the sentence, not the address.
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    const href = safeUrl(raw);
    if (!href) continue;
    if (index > last) parts.push(text.slice(last, index));
    parts.push(
      <a key={index} href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all underline">
        {raw}
      </a>,
    );
    last = index + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <Fragment>{parts}</Fragment>;
}

export function formatBytes(size: number | null): string {
  if (!size) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
