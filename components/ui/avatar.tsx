import { ownFileId } from '@/lib/files/file-links';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

const palette = ['bg-rose-100 text-rose-700', 'bg-amber-100 text-amber-800', 'bg-emerald-100 text-emerald-700', 'bg-sky-100 text-sky-700', 'bg-violet-100 text-violet-700', 'bg-teal-100 text-teal-700'];

function colorFor(seed: string) {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length];
}

export function Avatar({ name, src, size = 40 }: { name: string; src?: string | null; size?: number }) {
  const style = { width: size, height: size };
  // Only Baton's own stored files: a platform's link would be a third-party load (and the
  // page's Content-Security-Policy refuses it anyway).
  if (src && ownFileId(src)) {
    // eslint-disable-next-line @next/next/no-img-element -- stored files, served by the app
    return <img src={src} alt="" style={style} className="shrink-0 rounded-full object-cover" referrerPolicy="no-referrer" />;
  }
  return (
    <span
      aria-hidden
      style={style}
      className={`flex shrink-0 items-center justify-center rounded-full text-sm font-semibold ${colorFor(name)}`}
    >
      {initials(name) || '?'}
    </span>
  );
}
